"""The warehouse's Data Docs: one Great Expectations site with both suites and every run.

A run builds its site in a work folder of its own inside the warehouse; the publication then
moves that folder into place in one step, so readers never see a half-built site. Layout of
the folder (published as `WAREHOUSE/data_docs/`):

    index.html, expectations/, validations/, static/   the GX site (one per warehouse)
    quarantine/<run_id>.html                           the rows each run held back, by rule
    gx/                                                the GX project: config, suites, checkpoint,
                                                       every run's validation results (history)

History travels by hard links: validation results and the pages of earlier runs are written
once and never rewritten, so a run links them from the published site instead of copying them,
and only the index, the suite pages and its own pages are built. Pages are made readable
offline: the CSS, scripts and fonts GX loads from CDNs are vendored in `static/vendor/`.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

SITE = "warehouse"
GX_DIR = "gx"
QUARANTINE_DIR = "quarantine"
VENDOR = Path(__file__).parent / "static" / "vendor"
# Runs listed on the index page (two results a run); pages of older runs stay in the folder.
INDEX_HISTORY = 400
# Files written once per run and never again: carried from the published site as hard links.
WRITE_ONCE = (f"{GX_DIR}/uncommitted/validations", "validations", QUARANTINE_DIR)

# CDN assets of GX's templates -> the vendored copy (None: the tag is dropped).
_CDN = {
    "bootstrap.min.css": "css/bootstrap.min.css",
    "bootstrap.min.js": "js/bootstrap.min.js",
    "jquery-3.7.1.min.js": "js/jquery.min.js",
    "popper.min.js": "js/popper.min.js",
    "bootstrap-table.min.css": "css/bootstrap-table.min.css",
    "bootstrap-table.min.js": "js/bootstrap-table.min.js",
    "bootstrap-table-filter-control.css": "css/bootstrap-table-filter-control.min.css",
    "bootstrap-table-filter-control.min.css": "css/bootstrap-table-filter-control.min.css",
    "bootstrap-table-filter-control.min.js": "js/bootstrap-table-filter-control.min.js",
    "bootstrap-datepicker.min.css": "css/bootstrap-datepicker.min.css",
    "bootstrap-datepicker.min.js": "js/bootstrap-datepicker.min.js",
    "all.min.css": "css/fontawesome.min.css",
    "bootstrap-prefers-dark.css": None,
    "vega@5": None,
    "vega-lite@5": None,
    "vega-embed@6": None,
}
_ASSET_TAG = re.compile(
    r'<(link|script)\b[^>]*?(?:href|src)="(https?://[^"]+)"[^>]*>(?:\s*</script>)?', re.I
)
_STATIC_REF = re.compile(r'\b(href|src)="(?:\./|(?:\.\./)+)?static/')
_GX_IMAGES = re.compile(
    r"https://great-expectations-web-assets\.s3[^\"')]*?/([\w.-]+?)(?:\?[^\"')]*)?(?=[\"')])"
)


def carry_history(published: Path | None, work: Path) -> None:
    """Link the published site's write-once files into `work` (a copy where links fail)."""
    if published is None or not published.is_dir():
        return
    for sub in WRITE_ONCE:
        if (published / sub).is_dir():
            shutil.copytree(published / sub, work / sub, copy_function=_link, dirs_exist_ok=True)


def share_unchanged(published: Path | None, work: Path) -> int:
    """Replace each file of the new site that is byte for byte the published one (GX's
    images, fonts and styles, the vendored assets, unchanged suite pages) by a hard link to
    it, so that a run writes only what changed. Returns the number of files linked."""
    if published is None or not published.is_dir():
        return 0
    linked = 0
    for new in work.rglob("*"):
        old = published / new.relative_to(work)
        if new.is_symlink() or not new.is_file() or not old.is_file() or old.is_symlink():
            continue
        a, b = new.stat(), old.stat()
        if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino) or a.st_size != b.st_size:
            continue
        if new.read_bytes() != old.read_bytes():
            continue
        tmp = new.with_name(f".{new.name}.link")
        try:
            os.link(old, tmp)
            os.replace(tmp, new)
            linked += 1
        except OSError:  # another file system: the copy stays
            tmp.unlink(missing_ok=True)
    return linked


def _link(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed: a copy keeps the history
        shutil.copy2(src, dst)


def open_context(project_dir: Path) -> Any:
    """A file-backed GX context in `project_dir/gx/`, whose one site is `project_dir` itself."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    project_dir.mkdir(parents=True, exist_ok=True)
    ctx = gx.get_context(mode="file", project_root_dir=project_dir)
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    for name in list(ctx.list_data_docs_sites()):
        ctx.delete_data_docs_site(name)
    ctx.add_data_docs_site(
        site_name=SITE,
        site_config={
            "class_name": "SiteBuilder",
            # Relative to gx/: the site is the folder around it, wherever the warehouse moves.
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": ".."},
            "site_index_builder": {
                "class_name": "DefaultSiteIndexBuilder",
                "validation_results_limit": INDEX_HISTORY,
            },
        },
    )
    return ctx


def build_site(
    ctx: Any, site: Path, results: dict[str, Any], quarantine: list[dict[str, Any]]
) -> Path:
    """Build the index, the suite pages and this run's pages; write its quarantine page."""
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    ids: list[Any] = []
    for table, result in results.items():
        suite_id = ExpectationSuiteIdentifier(name=table)
        ids += [
            suite_id,
            ValidationResultIdentifier(suite_id, result.meta["run_id"], result.batch_id),
        ]
    ctx.build_data_docs(site_names=[SITE], resource_identifiers=ids)
    pages: list[tuple[Path, Any]] = []
    for result_id, result in zip(ids[1::2], results.values(), strict=True):
        url = ctx.get_docs_sites_urls(resource_identifier=result_id, site_name=SITE)[0]["site_url"]
        pages.append((Path(url.removeprefix("file://")), result))
    shutil.copytree(VENDOR, site / "static" / "vendor", dirs_exist_ok=True)
    run_name = next(iter(results.values())).meta["run_id"].run_name if results else None
    if run_name:
        write_quarantine_page(site, run_name, quarantine, results)
    for page, result in pages:
        link_quarantine(page, site, run_name, result, quarantine)
    for page in [site / "index.html", *sorted((site / "expectations").glob("*.html"))]:
        make_offline(page, site)
    for page, _ in pages:
        make_offline(page, site)
    make_offline(site / "static" / "styles" / "data_docs_default_styles.css", site)
    return site


def make_offline(page: Path, site: Path) -> None:
    """Point a page's CDN assets at the vendored copies; drop the ones the suites never use."""
    if not page.exists():
        return
    rel = os.path.relpath(site / "static", page.parent).replace(os.sep, "/")

    def asset(match: re.Match[str]) -> str:
        url = match.group(2)
        target = next((v for k, v in _CDN.items() if url.split("?")[0].endswith("/" + k)), "")
        if target is None or target == "":
            return ""  # unknown or unused CDN asset: a page must not wait on the network
        attr = "href" if match.group(1).lower() == "link" else "src"
        return match.group(0).replace(f'{attr}="{url}"', f'{attr}="{rel}/vendor/{target}"')

    text = page.read_text(encoding="utf-8")
    text = _ASSET_TAG.sub(asset, text)
    text = _GX_IMAGES.sub(lambda m: f"{rel}/images/{_local_image(site, m.group(1))}", text)
    # GX counts one level too few for the favicon of validation pages: root every static path.
    text = _STATIC_REF.sub(lambda m: f'{m.group(1)}="{rel}/', text)
    page.write_text(text, encoding="utf-8")


def _local_image(site: Path, name: str) -> str:
    """GX's logo from the site's own images (the dark-theme logo is not shipped: the plain one)."""
    return name if (site / "static" / "images" / name).exists() else "logo-long.png"


def quarantine_href(run_name: str, rule: str) -> str:
    """The anchor of one rule's rows on a run's quarantine page, relative to the site root."""
    return f"{QUARANTINE_DIR}/{run_name}.html#{_anchor(rule)}"


def _anchor(rule: str) -> str:
    return "rule-" + re.sub(r"[^a-z0-9_-]", "-", rule.lower())


def _titles(result: Any) -> dict[str, str]:
    """Rule name -> the title Data Docs show for it, from a validation result."""
    titles: dict[str, str] = {}
    for r in result.results:
        cfg = r.expectation_config
        titles.setdefault((cfg.meta or {}).get("rule", cfg.type), cfg.description or cfg.type)
    return titles


def link_quarantine(page: Path, site: Path, run_name: str | None, result: Any,
                    quarantine: list[dict[str, Any]]) -> None:  # fmt: skip
    """After each failed rule's title on a validation page, a link to its quarantined rows."""
    if not run_name or not page.exists():
        return
    table = result.suite_name
    counts: dict[str, int] = defaultdict(int)
    for q in quarantine:
        if q["table_name"] == table:
            counts[q["rule"]] += 1
    text = page.read_text(encoding="utf-8")
    rel = os.path.relpath(site, page.parent).replace(os.sep, "/")
    titles = _titles(result)
    for rule, n in counts.items():
        for title in {t for r, t in titles.items() if r == rule}:
            label = html.escape(title, quote=False)
            link = (f' <a class="quarantine-link badge badge-warning" href="{rel}/{quarantine_href(run_name, rule)}">'
                    f"{n} row{'s' if n != 1 else ''} quarantined</a>")  # fmt: skip
            text = text.replace(label, label + link, 1)
    page.write_text(text, encoding="utf-8")


def write_quarantine_page(site: Path, run_name: str, quarantine: list[dict[str, Any]],
                          results: dict[str, Any]) -> Path:  # fmt: skip
    """One page per run listing the rows held back, grouped by table and rule."""
    titles = {t: _titles(r) for t, r in results.items()}
    by_rule: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for q in quarantine:
        by_rule[(q["table_name"], q["rule"])].append(q)
    sections = [_rule_section(run_name, table, rule, rows, titles.get(table, {}).get(rule, rule))
                for (table, rule), rows in sorted(by_rule.items())]  # fmt: skip
    body = "\n".join(sections) or "<p>No row was quarantined in this run.</p>"
    page = site / QUARANTINE_DIR / f"{run_name}.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        _PAGE.format(run=html.escape(run_name), body=body, n=len(quarantine)), encoding="utf-8"
    )
    return page


def _rule_section(
    run_name: str, table: str, rule: str, rows: list[dict[str, Any]], title: str
) -> str:
    """One rule's rows: key, what broke, and the SQL that returns them from the warehouse."""
    sql = (f"select * from quarantine where run_id = '{run_name}' "
           f"and table_name = '{table}' and rule = '{rule}'")  # fmt: skip
    lines = "\n".join(
        f"<tr><td><code>{html.escape(r['row_key'])}</code></td>"
        f"<td>{html.escape(_detail(r['detail']))}</td>"
        f"<td class='small'>{html.escape(_summary(r['row_json']))}</td></tr>"
        for r in rows
    )
    return f"""<section class="card mb-4" id="{_anchor(rule)}">
<div class="card-header"><h2 class="h5 mb-0">{html.escape(title)}</h2>
<span class="text-muted">table <code>{table}</code>, rule <code>{html.escape(rule)}</code>,
{len(rows)} row{"s" if len(rows) != 1 else ""}</span></div>
<div class="card-body"><p class="mb-2">In the warehouse:
<code>uv run incidents query "{html.escape(sql)}"</code></p>
<table class="table table-sm table-striped"><thead><tr><th>row</th><th>value that broke the rule</th>
<th>row</th></tr></thead><tbody>
{lines}
</tbody></table></div></section>"""


def _detail(detail_json: str) -> str:
    try:
        detail = json.loads(detail_json)
    except (TypeError, ValueError):
        return str(detail_json)
    return ", ".join(f"{k} = {'NULL' if v is None else v}" for k, v in detail.items()) or "-"


def _summary(row_json: str) -> str:
    """The columns an analyst recognises a row by, from the quarantined row's JSON."""
    try:
        row = json.loads(row_json)
    except (TypeError, ValueError):
        return ""
    keep = (
        "event_date",
        "country",
        "city",
        "attack_type",
        "killed_best",
        "wounded_best",
        "evidence",
    )
    return "; ".join(f"{k}: {row[k]}" for k in keep if row.get(k) not in (None, ""))


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Quarantine of run {run}</title>
<link rel="stylesheet" href="../static/vendor/css/bootstrap.min.css">
<link rel="stylesheet" href="../static/styles/data_docs_default_styles.css"></head>
<body><div class="container my-4">
<p><a href="../index.html">Data Docs home</a></p>
<h1 class="h3">Quarantine of run <code>{run}</code></h1>
<p>{n} quarantine row(s): rows that broke a data-quality rule and were held back from
<code>incidents</code>. The same rows are in the warehouse's <code>quarantine</code> view.</p>
{body}
</div></body></html>
"""
