"""Data Docs an analyst reads: one site, both suites, every run, offline, linked to quarantine.

Two nights go into one warehouse; the site is then read as files and, when Debian's chromium
is installed (scripts/install-chromium), rendered by a real headless browser with the network
cut off.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from expectations.suites import incident_rules, report_rules
from flows.nightly import nightly_flow
from tests.integration.conftest import write_jsonl
from warehouse.reader import connect_reader

NIGHT_1 = [
    {"id": "a1", "published_at": "2018-07-13",
     "text": "MASTUNG, Pakistan (wire) — A suicide bomber blew himself up at an election rally in southwestern Pakistan on Friday, killing at least 25 people and wounding 40, officials said."},
    {"id": "old", "text": "On 3 May 1965, a bomb exploded at a market in Kabul, killing 10 people."},
]  # fmt: skip
NIGHT_2 = [
    {"id": "v1", "published_at": "2020-11-03",
     "text": "VIENNA - A gunman opened fire near the main synagogue on the evening of Monday 2 November 2020, killing four people and wounding 22."},
]  # fmt: skip
ASSET = re.compile(r'<(?:link|script|img)\b[^>]*?(?:href|src)="([^"#]+)"', re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    """A warehouse after two nights: its published site, run ids and quarantine rows."""
    root = tmp_path_factory.mktemp("docs")
    wh = root / "wh"
    runs = []
    for i, night in enumerate((NIGHT_1, NIGHT_2), start=1):
        src = write_jsonl(root / f"night{i}" / "news.jsonl", night)
        runs.append(nightly_flow(inputs=[str(src)], warehouse=str(wh)).run_id)
    con = connect_reader(wh)
    quarantine = con.execute("select run_id, table_name, row_key, rule from quarantine").fetchall()
    con.close()
    return {"wh": wh, "docs": wh / "data_docs", "runs": runs, "quarantine": quarantine}


def pages(docs: Path) -> list[Path]:
    return sorted(p for p in docs.rglob("*.html") if "vendor" not in p.parts)


def result_page(docs: Path, table: str, run_id: str) -> Path:
    [page] = (docs / "validations" / table / run_id).rglob("*.html")
    return page


def titles(rules) -> list[str]:
    return [html.escape(f"{r.category.capitalize()}: {r.title}", quote=False) for r in rules]


def test_one_site_holds_both_suites_and_every_run(site):
    docs, runs = site["docs"], site["runs"]
    index = (docs / "index.html").read_text(encoding="utf-8")
    for table in ("incident_reports", "incidents"):
        assert (docs / "expectations" / f"{table}.html").exists()  # stable names, not run ids
        for run_id in runs:
            page = result_page(docs, table, run_id)
            assert page.relative_to(docs).as_posix() in index
    assert not list(site["wh"].glob(".data_docs.*"))  # no work folder left beside the site


def test_both_results_of_a_run_come_from_one_checkpoint(site):
    docs = site["docs"]
    [checkpoint] = (docs / "gx" / "checkpoints").glob("*.json")
    config = json.loads(checkpoint.read_text(encoding="utf-8"))
    assert len(config["validation_definitions"]) == 2
    ids = []
    for run_id in site["runs"]:
        results = list((docs / "gx" / "uncommitted" / "validations").glob(f"*/{run_id}/*/*.json"))
        metas = [json.loads(p.read_text(encoding="utf-8"))["meta"] for p in results]
        assert len(metas) == 2
        [checkpoint_id] = {m["checkpoint_id"] for m in metas}  # one checkpoint per run
        ids.append(checkpoint_id)
    assert ids[-1] == config["id"]


def test_pages_read_offline_with_every_asset_inside_the_site(site):
    docs = site["docs"]
    for page in pages(docs):
        text = page.read_text(encoding="utf-8")
        for url in ASSET.findall(text):
            assert not url.startswith(("http:", "https:", "//")), (page, url)
            assert (page.parent / url.split("?")[0]).resolve().exists(), (page, url)
    assert (docs / "static" / "vendor" / "css" / "bootstrap.min.css").exists()


def test_pages_name_rules_and_assets_for_humans(site, ref):
    docs = site["docs"]
    vocab, iso3 = ref.vocabularies, [c.iso3 for c in ref.gazetteer.countries.values()]
    suites = {"incident_reports": report_rules(vocab, iso3, ["d"], ["report_id"]),
              "incidents": incident_rules(vocab, iso3, ["incident_id"])}  # fmt: skip
    for table, rules in suites.items():
        text = (docs / "expectations" / f"{table}.html").read_text(encoding="utf-8")
        for title in titles(rules):
            assert title in text, (table, title)
        assert f"Data asset: {table}" in " ".join(
            result_page(docs, table, site["runs"][0]).read_text(encoding="utf-8").split()
        )
    for page in pages(docs):
        text = page.read_text(encoding="utf-8")
        assert "Data asset: None" not in " ".join(text.split()), page
        for internal in (
            "_row_key",
            "event_yyyymmdd",
            "published_yyyymmdd",
            "has_iso3",
            "merged_into",
        ):
            assert internal not in text, (page, internal)


def test_a_failed_rule_links_to_its_quarantined_rows(site):
    docs, first = site["docs"], site["runs"][0]
    [(run_id, table, row_key, rule)] = site["quarantine"]
    assert (run_id, table, rule) == (first, "incident_reports", "event_not_before_1970")
    page = result_page(docs, table, first)
    links = re.findall(r'href="([^"]*quarantine/[^"]+)"', page.read_text(encoding="utf-8"))
    assert links == [os.path.relpath(docs, page.parent) + f"/quarantine/{first}.html#rule-{rule}"]
    target = (page.parent / links[0].split("#")[0]).resolve()
    listing = html.unescape(target.read_text(encoding="utf-8"))
    assert f'id="rule-{rule}"' in listing and row_key in listing
    assert f"rule = '{rule}'" in listing  # the query that returns the same rows


def test_reports_are_checked_against_the_night_s_documents_only(site):
    docs, second = site["docs"], site["runs"][1]
    [path] = (docs / "gx" / "uncommitted" / "validations" / "incident_reports" / second).rglob(
        "*.json"
    )
    result = json.loads(path.read_text(encoding="utf-8"))
    [present] = [r for r in result["results"]
                 if r["expectation_config"]["meta"]["rule"] == "document_present"]  # fmt: skip
    assert len(present["expectation_config"]["kwargs"]["value_set"]) == len(NIGHT_2)


def test_history_is_carried_by_links_not_copies(site):
    docs, first = site["docs"], site["runs"][0]
    [old] = (docs / "gx" / "uncommitted" / "validations" / "incidents" / first).rglob("*.json")
    # The first publication is still kept (KEEP_VERSIONS): its file and tonight's are one inode.
    older = site["wh"] / "_versions" / first / "data_docs" / old.relative_to(docs)
    assert older.stat().st_ino == old.stat().st_ino


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def browse(url: Path, tmp: Path, *args: str) -> str:
    """Render a page in headless chromium with every host unresolvable (offline)."""
    profile = tmp / f"profile-{len(list(tmp.iterdir()))}"
    cmd = [chromium() or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
           "--window-size=1400,1600", "--virtual-time-budget=5000", *args, url.as_uri()]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="chromium not installed: run scripts/install-chromium (as root)"
)


def visible_text(dom: str) -> str:
    dom = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", dom)).split())


@needs_chromium
def test_browser_shows_both_suites_every_run_and_the_counts(site, tmp_path):
    docs, runs = site["docs"], site["runs"]
    dom = browse(docs / "index.html", tmp_path, "--dump-dom")
    text = visible_text(dom)
    # "Showing 1 to 4 of 4 rows" is written by bootstrap-table: the vendored scripts ran offline.
    assert "Showing 1 to 4 of 4 rows" in text
    for name in ("incident_reports", "incidents", *runs):
        assert name in text
    page = result_page(docs, "incident_reports", runs[0])
    text = visible_text(browse(page, tmp_path, "--dump-dom"))
    n_rules = len(
        report_rules({"attack_type": [], "target_type": [], "weapon_type": []}, [], [], [])
    )
    assert f"Evaluated Expectations {n_rules}" in text
    assert f"Successful Expectations {n_rules - 1}" in text
    assert "Unsuccessful Expectations 1" in text
    assert "Date formats: Event date falls between 1970 and 2100 1 row quarantined" in text
    assert "Data asset: incident_reports" in text
    # Tall enough to show the failed rule and its quarantine link; a blank page is ~10 kB.
    shot = tmp_path / "data-docs.png"
    browse(page, tmp_path, f"--screenshot={shot}", "--window-size=1400,4200")
    assert shot.stat().st_size > 100_000
    if os.environ.get("DATA_DOCS_SCREENSHOT"):  # scripts keep one at docs/data-docs.png
        shutil.copy(shot, os.environ["DATA_DOCS_SCREENSHOT"])
