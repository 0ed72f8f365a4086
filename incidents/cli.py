"""The `incidents` command: run, serve, query, evaluate."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import uuid
from pathlib import Path
from typing import Any

from incidents.prefect_env import setup_logging
from incidents.settings import Settings, flow_parameters, get_settings

_DB_NAME = "incidents.duckdb"  # warehouse.store.DB_NAME, without importing DuckDB for it


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    p = argparse.ArgumentParser(prog="incidents", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser(
        "run", help="one complete pipeline run: ingest, extract, validate, publish"
    )
    run.add_argument(
        "--input",
        action="append",
        type=Path,
        help="file or folder (repeatable); default: INCIDENTS_INBOX",
    )
    run.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run the extraction on this Dask cluster (tcp://host:8786); default: INCIDENTS_DASK_ADDRESS",
    )
    run.add_argument(
        "--warehouse", type=Path, help="warehouse folder; default: INCIDENTS_WAREHOUSE"
    )
    serve = sub.add_parser("serve", help="serve the nightly deployment on its cron schedule")
    serve.add_argument("--cron", help="cron schedule (default: INCIDENTS_CRON, '0 2 * * *')")
    serve.add_argument("--input", action="append", type=Path)
    serve.add_argument("--warehouse", type=Path)
    query = sub.add_parser("query", help="read-only SQL against the published views")
    query.add_argument("sql")
    query.add_argument("--warehouse", type=Path)
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    ev = sub.add_parser("evaluate", help="score extraction against a gold-labelled corpus")
    ev.add_argument(
        "--gold", type=Path, required=True, help="folder with articles.jsonl and gold.jsonl"
    )
    ev.add_argument("--json", action="store_true", help="machine-readable output")
    ev.add_argument(
        "--warehouse",
        type=Path,
        help="where to publish the evaluation run (default: a temporary folder)",
    )
    return p, {"run": run, "serve": serve, "query": query, "evaluate": ev}


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line; an unknown option is reported with its subcommand's usage."""
    parser, commands = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        commands[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _fail(message: str) -> int:
    print(f"incidents: {message}", file=sys.stderr)
    return 1


def check_inputs(inputs: list[Path]) -> str | None:
    """Why the inputs cannot be read, or None when they all exist."""
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        return (
            f"no input found at {', '.join(missing)}: pass --input PATH (a file or a folder) "
            "or set INCIDENTS_INBOX"
        )
    return None


def check_warehouse(warehouse: Path) -> str | None:
    """Why `warehouse` cannot be (or become) a writable folder, or None when it can."""
    if warehouse.exists() and not warehouse.is_dir():
        return f"warehouse {warehouse} is a file, not a folder: pass --warehouse DIR (a folder, or a path where one can be created)"
    existing = warehouse.absolute()
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"cannot create warehouse {warehouse}: {existing} is a file, not a folder; pass another --warehouse DIR"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"warehouse {warehouse} is not writable ({existing}): pass another --warehouse DIR or fix its permissions"
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _record_failure(warehouse: Path, run_id: str, started: dt.datetime, message: str) -> None:
    """List a run that failed before its flow could record it, so that `runs` shows it."""
    from warehouse import store

    try:
        if any(r.get("run_id") == run_id for r in store.pending_failed_runs(warehouse)):
            return  # the flow recorded it already
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        store.record_failed_run(warehouse, {"run_id": run_id, "started_at": started, "finished_at": now,
                                            "status": "failed", "dq_success": False, "message": message[:500]})  # fmt: skip
    except OSError as exc:
        print(f"incidents: could not record the failed run in {warehouse}: {exc}", file=sys.stderr)


def _start_flow(settings: Settings, params: dict[str, Any]) -> Any:
    """Run the nightly flow against the user's Prefect server or a local one started here."""
    from incidents.prefect_env import prefect_api

    with prefect_api(settings) as server:
        # Slow imports (Prefect, Great Expectations) overlap the server start. The flow's
        # module leaves Great Expectations to the steps that validate, so that the worker
        # processes, which import it too, do not pay for it.
        import expectations.validate  # noqa: F401
        from flows.nightly import configured_flow

        if server is not None:
            if not server.answers():
                # Still starting: compile the reference data meanwhile (the run's own
                # process needs it for a night of one batch).
                from flows.extract import warm_reference

                warm_reference(str(settings.seeds_dir) if settings.seeds_dir else None)
            server.wait_ready()
        return configured_flow(settings)(**params)


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    inputs = args.input or [settings.inbox]
    warehouse = args.warehouse or settings.warehouse
    if args.dask:
        settings = settings.model_copy(update={"dask_address": args.dask})
    problem = check_inputs(inputs) or check_warehouse(warehouse)
    if problem:
        return _fail(problem)
    published_before = (warehouse / _DB_NAME).exists()
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    run_id = started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    params = {**flow_parameters(settings, inputs, warehouse), "run_id": run_id}
    try:
        summary = _start_flow(settings, params)
    except (Exception, KeyboardInterrupt) as exc:
        reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else _first_line(exc)
        _record_failure(warehouse, run_id, started, reason)
        kept = "previous publication unchanged" if published_before else "nothing published"
        _fail(f"run {run_id} failed, {kept}: {reason}")
        return 130 if isinstance(exc, KeyboardInterrupt) else 1
    print(
        f"run {summary.run_id}: {summary.n_documents_new} new documents, {summary.n_reports} reports, "
        f"{summary.n_incidents} incidents, {summary.n_quarantined} quarantined -> {warehouse}"
    )
    return 0


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    from warehouse.query import QueryError, run_query

    try:
        print(run_query(args.warehouse or settings.warehouse, args.sql, args.format))
    except QueryError as exc:
        return _fail(str(exc))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    warehouse = args.warehouse or settings.warehouse
    problem = check_warehouse(warehouse)
    if problem:
        return _fail(problem)
    from flows.serve import serve

    try:
        return serve(settings, cron=args.cron, inputs=args.input, warehouse=warehouse)
    except RuntimeError as exc:
        return _fail(_first_line(exc))


def cmd_evaluate(args: argparse.Namespace, settings: Settings) -> int:
    from incidents.prefect_env import prefect_api

    with prefect_api(settings) as server:
        from incidents.evaluate import main as evaluate_main

        if server is not None:
            server.wait_ready()
        return evaluate_main(args.gold, args.json, args.warehouse, settings)


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Let glibc's malloc keep at most `arenas` heaps (`mallopt(M_ARENA_MAX)`), as
    `MALLOC_ARENA_MAX` does; returns whether it could.

    A run's process has a dozen threads (Prefect's API client, the worker pool's feeder and
    result threads), and glibc gives each thread that contends for the heap an arena of its
    own, whose freed memory is rarely given back, so a long run's peak grows with its
    length. An explicit MALLOC_ARENA_MAX in the environment wins (glibc has read it at
    start); other C libraries are left alone.
    """
    if os.environ.get("MALLOC_ARENA_MAX") or not sys.platform.startswith("linux"):
        return False
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(-8, arenas))  # M_ARENA_MAX (malloc.h)
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    if args.command in ("run", "serve"):  # before any thread starts
        limit_malloc_arenas()
    settings = get_settings()
    setup_logging(settings.log_level)
    handlers = {"run": cmd_run, "query": cmd_query, "serve": cmd_serve, "evaluate": cmd_evaluate}
    return handlers[args.command](args, settings)


if __name__ == "__main__":
    sys.exit(main())
