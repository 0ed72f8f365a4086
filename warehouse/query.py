"""Read-only SQL against the published views, in a sandbox, printed as a table, CSV or JSON.

The connection (warehouse.reader) reads the warehouse's publications and nothing else:
DuckDB's external access is off with only those folders allowed, extensions are neither
installed nor loaded, and the configuration is locked. On top of that only one reading
statement (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) runs: DuckDB's allow-list grants
writes as well as reads, so `COPY ... TO` a published Parquet file is refused here.

Output is formatted from DuckDB's own result (rows and column names), so this command loads
neither pandas nor pyarrow: NULL prints as NULL, integers as integers.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from warehouse.reader import DB_NAME, connect_reader

READ_STATEMENTS = ("SELECT", "EXPLAIN")
MAX_CELL = 60


class QueryError(RuntimeError):
    """The query could not run; the message says why and what to do."""


def connect_sandboxed(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published database that can touch no other file."""
    db = warehouse / DB_NAME
    if not db.exists():
        raise QueryError(
            f"no published warehouse at {warehouse}: "
            f"run `incidents run --warehouse {warehouse}` first"
        )
    try:
        return connect_reader(warehouse)
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db}: {_first_line(exc)}") from exc


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse anything but one reading statement, before it runs."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from exc
    if len(statements) != 1:
        raise QueryError(f"one statement at a time, got {len(statements)}")
    kind = statements[0].type.name
    if kind not in READ_STATEMENTS:
        raise QueryError(
            f"refused: {kind} statement; this command only reads "
            "(SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)"
        )


def run_query(warehouse: Path, sql: str, fmt: str = "table") -> str:
    """Result of `sql` as a table, CSV or JSON."""
    con = connect_sandboxed(warehouse)
    try:
        check_read_only(con, sql)
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from exc
    finally:
        con.close()
    if fmt == "csv":
        return to_csv(columns, rows)
    if fmt == "json":
        return to_json(columns, rows)
    return to_table(columns, rows)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def plain(value: Any) -> Any:
    """A DuckDB value as JSON data: dates as ISO strings, decimals and nested values kept exact."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # JSON has no NaN or infinity; they are values, not NULL, so they stay visible as text.
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID | dt.timedelta):
        return str(value)
    return str(value)


def text(value: Any) -> str:
    """A value as a person reads it in a table or a CSV cell."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time | decimal.Decimal | int | float):
        return str(value)
    return json.dumps(plain(value), ensure_ascii=False)


def _unique(columns: Sequence[str]) -> list[str]:
    """Column names made unique (`a`, `a_2`) so that JSON objects keep every column."""
    seen: dict[str, int] = {}
    out = []
    for name in columns:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def to_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """An array of objects, one per row (`[]` for no rows)."""
    keys = _unique(columns)
    records = [{k: plain(v) for k, v in zip(keys, row, strict=True)} for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2)


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """RFC 4180 CSV with a header; NULL is an empty field, an empty string is `""`."""
    lines = [",".join(_csv_field(c) for c in columns)]
    lines += [",".join("" if v is None else _csv_field(text(v)) for v in row) for row in rows]
    return "\n".join(lines)


def _csv_field(value: str) -> str:
    # Quoted when it holds a separator, a quote or a line break, or is empty (so that an
    # empty string differs from NULL, as in DuckDB's own CSV writer).
    if value == "" or any(ch in value for ch in ',"\r\n') or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


def to_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Aligned columns (numbers to the right), long cells cut at MAX_CELL characters."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [
        any(r[i] is not None for r in rows)
        and all(r[i] is None or _is_number(r[i]) for r in rows)
        for i in range(len(columns))
    ]  # fmt: skip

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = [line(columns), line(["-" * w for w in widths])]
    lines += [line(r) for r in cells]
    lines.append("(no rows)" if not rows else f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def _cell(value: Any) -> str:
    shown = text(value).replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ")
    return shown if len(shown) <= MAX_CELL else shown[: MAX_CELL - 1] + "…"
