"""What contributors touch: the command line, its exit codes and formats, skeletons, the editor schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from build_scripts.__main__ import schemas

from .conftest import ROOT, run_cli


def test_check_passes_on_the_fixture(project):
    result = run_cli("check", cwd=project)
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("breakage, expected", [
    (("related_events: [2021-widget-milestone]", "related_events: [2021-widget-milestones]"),
     "content/events/2020-01-15-widget-rule.yaml:33:18: related_events[0]: unknown event "
     "'2021-widget-milestones' (did you mean '2021-widget-milestone'?)"),
    (("lane: us-measures", "lane: us-measures\nlane: milestones"),
     "content/events/2020-01-15-widget-rule.yaml:9:1: lane: duplicate key 'lane' (first given on line 8); "
     "YAML would keep only the last"),
    (("date: 2020-01-15", "date: 2020-02-31"),
     "content/events/2020-01-15-widget-rule.yaml:5:7: date: '2020-02-31' is not a date: "
     "February 2020 has 29 days"),
])
def test_breaking_a_file_prints_the_position_and_exits_1(project, breakage, expected):
    event = project / "content" / "events" / "2020-01-15-widget-rule.yaml"
    event.write_text(event.read_text().replace(*breakage))
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected]
    assert result.stderr == "1 error(s) in 1 file(s)\n"


def test_github_annotations(project):
    event = project / "content" / "events" / "2020-01-15-widget-rule.yaml"
    event.write_text(event.read_text().replace("lane: us-measures", "lane: nowhere"))
    result = run_cli("check", "--format", "github", cwd=project)
    assert result.returncode == 1
    assert result.stdout == (
        "::error file=content/events/2020-01-15-widget-rule.yaml,line=8,col=7::lane: expected one of "
        "'us-measures', 'allied-measures', 'china-measures' or 'milestones'; found the text 'nowhere'\n")


def test_usage_error_exits_2(project):
    assert run_cli("frobnicate", cwd=project).returncode == 2


@pytest.mark.parametrize("kind, folder", [("event", "events"), ("claim", "claims"), ("source", "sources"),
                                          ("actor", "actors"), ("topic", "topics"), ("term", "glossary"),
                                          ("guide", "guides")])
def test_new_writes_a_skeleton_and_never_overwrites(project, kind, folder):
    result = run_cli("new", kind, "my-new-record", cwd=project)
    assert result.returncode == 0, result.stderr
    created = project / "content" / folder / "my-new-record.yaml"
    data = json.loads(json.dumps(yaml.safe_load(created.read_text()), default=str))  # dates as text
    assert data["id"] == "my-new-record"
    jsonschema.validate(data, json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text()))
    before = created.read_text()
    again = run_cli("new", kind, "my-new-record", cwd=project)
    assert again.returncode == 1 and "already exists; nothing was written" in again.stderr
    assert created.read_text() == before
    # the skeleton fails the check, and only where a placeholder waits to be replaced
    check = run_cli("check", cwd=project)
    assert check.returncode == 1
    errors = [line for line in check.stdout.splitlines() if ": warning: " not in line]
    assert errors and all(line.startswith(f"content/{folder}/my-new-record.yaml:") for line in errors)
    assert all("placeholder" in line or "todo-source-id" in line for line in errors), errors


def test_every_placeholder_that_new_writes_is_an_error_at_its_position(project):
    assert run_cli("new", "event", "2026-05-14-some-event", cwd=project).returncode == 0
    check = run_cli("check", cwd=project)
    # A new record has no Chinese yet: warnings, which a translator settles later.
    assert [line for line in check.stdout.splitlines() if "has no text in 'zh'" not in line] == [
        "content/events/2026-05-14-some-event.yaml:3:8: title: still holds the placeholder 'TODO: a short, neutral "
        "title' written by `new`: replace it with the real value",
        "content/events/2026-05-14-some-event.yaml:7:10: summary: still holds the placeholder 'TODO: one or two "
        "plain sentences.' written by `new`: replace it with the real value",
        "content/events/2026-05-14-some-event.yaml:11:13: citations[0].source: still holds the placeholder "
        "'todo-source-id' written by `new`: replace it with the real value",
        "content/events/2026-05-14-some-event.yaml:11:13: citations[0].source: unknown source 'todo-source-id'",
    ]


def test_new_takes_the_date_from_an_id_that_starts_with_one(project):
    assert run_cli("new", "event", "2026-05-14-some-event", cwd=project).returncode == 0
    data = yaml.safe_load((project / "content" / "events" / "2026-05-14-some-event.yaml").read_text())
    assert str(data["date"]) == "2026-05-14"
    bad = run_cli("new", "event", "2026-02-30-no-such-day", cwd=project)
    assert bad.returncode == 2 and "February 2026 has 28 days" in bad.stderr


def test_new_refuses_a_bad_id(project):
    result = run_cli("new", "event", "../escape", cwd=project)
    assert result.returncode == 2
    assert not (project / "escape.yaml").exists()


def test_committed_schemas_are_current():
    """Run `make schema` after changing a model."""
    for name, text in schemas().items():
        assert (ROOT / "schemas" / name).read_text() == text, f"schemas/{name} is stale: run make schema"


@pytest.mark.parametrize("folder", ["events", "claims", "sources", "actors", "topics"])
def test_real_content_matches_the_editor_schema(folder):
    schema = json.loads((ROOT / "schemas" / f"{folder[:-1]}.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for file in sorted((ROOT / "content" / folder).glob("*.yaml")):
        data = yaml.load(file.read_text(), Loader=yaml.CSafeLoader)
        data = json.loads(json.dumps(data, default=str))  # dates as text, as an editor sees them
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], file.name


@pytest.mark.parametrize("folder", ["events", "claims", "sources", "actors", "topics"])
def test_every_content_file_names_its_schema(folder):
    line = f"# yaml-language-server: $schema=../../schemas/{folder[:-1]}.schema.json\n"
    missing = [f.name for f in (ROOT / "content" / folder).glob("*.yaml") if not f.read_text().startswith(line)]
    assert missing == []
    template = ROOT / "build_scripts" / "templates" / "new" / f"{folder[:-1]}.yaml.j2"
    assert template.read_text().startswith(line)
