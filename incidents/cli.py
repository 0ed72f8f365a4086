"""The `incidents` command: run, serve, query, evaluate."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from incidents.settings import Settings, get_settings


def _parser() -> argparse.ArgumentParser:
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
    return p


def _fail(message: str) -> int:
    print(f"incidents: {message}", file=sys.stderr)
    return 1


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from incidents.prefect_env import configure_prefect

    configure_prefect(settings)
    from flows.nightly import nightly_flow

    inputs = args.input or [settings.inbox]
    missing = [p for p in inputs if not p.exists()]
    if missing:
        return _fail(
            f"no input found at {', '.join(map(str, missing))}: pass --input PATH or set INCIDENTS_INBOX"
        )
    warehouse = args.warehouse or settings.warehouse
    try:
        summary = nightly_flow(
            inputs=[str(p) for p in inputs], warehouse=str(warehouse),
            seeds_dir=str(settings.seeds_dir) if settings.seeds_dir else None,
            max_document_bytes=settings.max_document_bytes, batch_size=settings.batch_size,
            keep_versions=settings.keep_versions,
        )  # fmt: skip
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return _fail(f"run failed, previous publication unchanged: {first}")
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
    from flows.serve import serve

    return serve(settings, cron=args.cron, inputs=args.input, warehouse=args.warehouse)


def cmd_evaluate(args: argparse.Namespace, settings: Settings) -> int:
    from incidents.prefect_env import configure_prefect

    configure_prefect(settings)
    from incidents.evaluate import main as evaluate_main

    return evaluate_main(args.gold, args.json, args.warehouse, settings)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = get_settings()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    handlers = {"run": cmd_run, "query": cmd_query, "serve": cmd_serve, "evaluate": cmd_evaluate}
    return handlers[args.command](args, settings)


if __name__ == "__main__":
    sys.exit(main())
