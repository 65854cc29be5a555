"""The downloads: JSON and CSV of every record type, stable and complete."""

from __future__ import annotations

import csv
import json

import pytest

from .conftest import FIXTURE


@pytest.mark.parametrize("name", ["events", "claims", "sources", "actors", "topics"])
def test_json_and_csv_hold_every_record(fixture_site, name):
    document = json.loads((fixture_site / "data" / f"{name}.json").read_text())
    assert set(document) == {"schema_version", "generated", "in_language", name}
    assert document["in_language"] == "en"
    assert document["schema_version"] == 1
    ids = sorted(r["id"] for r in document[name])
    assert ids == sorted(f.stem for f in (FIXTURE / name).glob("*.yaml"))
    rows = list(csv.DictReader((fixture_site / "data" / f"{name}.csv").open()))
    assert sorted(r["id"] for r in rows) == ids


def test_event_fields(fixture_site):
    events = {e["id"]: e for e in json.loads((fixture_site / "data" / "events.json").read_text())["events"]}
    event = events["2020-01-15-widget-rule"]
    assert {k: event[k] for k in ("date", "date_end", "precision", "approximate", "citations", "url")} == {
        "date": "2020-01-15", "date_end": "2020-02", "precision": "day", "approximate": False,
        "citations": ["gazette-2020-01-15-rule", "wire-2020-01-16-report"],
        "url": "events/2020-01-15-widget-rule.html"}
    assert events["2021-widget-milestone"]["date"] == "2021"
    assert events["2021-widget-milestone"]["precision"] == "year"


def test_sources_list_the_pages_that_cite_them(fixture_site):
    sources = {s["id"]: s for s in json.loads((fixture_site / "data" / "sources.json").read_text())["sources"]}
    assert sources["wire-2020-01-16-report"]["cited_by"] == [
        "events/2020-01-15-widget-rule.html", "events/2021-widget-milestone.html", "claims/widget-ban.html"]
    assert (fixture_site / "events" / "2020-01-15-widget-rule.html").exists()


def test_rows_carry_their_chinese_text(fixture_site):
    events = {e["id"]: e for e in json.loads((fixture_site / "data" / "events.json").read_text())["events"]}
    assert events["2020-01-15-widget-rule"]["translations"]["zh"]["title"] == "示例机构限制小部件出口"
    sources = {s["id"]: s for s in json.loads((fixture_site / "data" / "sources.json").read_text())["sources"]}
    assert sources["gazette-2020-01-15-rule"]["title"] == "Example rule on widgets"  # its own headline
    assert sources["gazette-2020-01-15-rule"]["translations"] == {"zh": {"title": "关于小部件的示例规则"}}
    rows = {r["id"]: r for r in csv.DictReader((fixture_site / "data" / "events.csv").open(encoding="utf-8"))}
    assert rows["2020-01-15-widget-rule"]["title_zh"] == "示例机构限制小部件出口"
