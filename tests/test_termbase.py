"""The term base (locale/termbase.yaml): one Chinese form for each name and term, used the same way in every
translated field of the record."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
import yaml

from build_scripts.checks import check
from build_scripts.models import RECORD_TYPES, Source
from build_scripts.translations import fields

from .conftest import ROOT

TERMBASE = ROOT / "locale" / "termbase.yaml"
# Markup whose ids must not count as English words: markers, and the targets of record links.
_MARKER = re.compile(r"\[@[^\]]*\]")
_LINK = re.compile(r"\]\((?:event|claim|topic|term|actor|source|guide):[^)]*\)")


@lru_cache(maxsize=1)
def termbase() -> dict:
    return yaml.safe_load(TERMBASE.read_text(encoding="utf-8"))


def _pattern(english: str) -> re.Pattern[str]:
    """A whole-word match. A name (it has a capital) matches as written: "Honor" is not "honor its
    obligations". A term in lower case matches in lower case, or capitalised where a sentence starts; a
    capital mid-sentence makes it part of a name ("Tower Semiconductor", "Silicon Semiconductor")."""
    word = re.escape(english)
    end = r"(?![\w-]|['’][A-Z])"  # not inside a longer word or name: "Dell" is not "Dell'Oro"
    if any(c.isupper() for c in english):
        return re.compile(rf"(?<![\w-]){word}{end}")
    capital = re.escape(english[0].upper() + english[1:])
    return re.compile(rf"(?:(?<![\w-]){word}|(?:^|(?<=[.!?:]\s)){capital}){end}")


def unrendered(english: str, chinese: str) -> list[str]:
    """The term base's English terms found in `english` whose Chinese form is missing from `chinese`. The
    longest term wins where terms overlap ("Export Control Law" over "export control")."""
    text = " ".join(_LINK.sub("]", _MARKER.sub(" ", english)).split())
    entries = sorted(termbase()["terms"], key=lambda e: len(e["en"]), reverse=True)
    taken = [False] * len(text)
    missing = []
    for entry in entries:
        found = False
        for match in _pattern(entry["en"]).finditer(text):
            if not any(taken[match.start():match.end()]):
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
                found = True
        if found and not any(form in chinese for form in (entry["zh"], *entry.get("also", []))):
            missing.append(f"{entry['en']} → {entry['zh']}")
    return missing


def pairs(content) -> list[tuple[str, str, str, str]]:
    """Every (file, field, English, Chinese) pair of the record: text fields, and quotes and titles in
    English with their Chinese translation."""
    out = []
    for record_type in RECORD_TYPES:
        for record in content.of(record_type).values():
            data = record.model_dump()
            for field in fields(type(record), data):
                where = "/".join(str(p) for p in field.loc)
                if field.kind == "text" and "zh" in field.value:
                    out.append((record.id, where, field.value["en"], field.value["zh"]))
                elif field.kind == "original" and "zh" in (field.translations or {}):
                    source = record if isinstance(record, Source) else content.sources.get(field.citation_source)
                    if source is not None and source.language == "en":
                        out.append((record.id, where, field.value, field.translations["zh"]))
    return out


@pytest.fixture(scope="module")
def real_content():
    content, problems = check(ROOT / "content")
    assert not [p for p in problems if p.is_error]
    return content


def test_every_translation_uses_the_term_base(real_content):
    failures = [f"{record} {where}: {', '.join(missing)}" for record, where, english, chinese in pairs(real_content)
                if (missing := unrendered(english, chinese))]
    assert not failures, f"{len(failures)} field(s) do not use the term base:\n" + "\n".join(failures)


def test_the_check_finds_a_term_rendered_another_way():
    assert unrendered("Huawei was added to the Entity List [@bis-entity-list-huawei].", "华为被列入黑名单。") == [
        "Entity List → 实体清单"]
    assert unrendered("SMIC and Huawei", "中芯国际和华为") == []


def test_ids_in_markers_and_links_are_not_english_words():
    assert unrendered("It was charged [@us-congress-2024-nvidia-report].", "已被起诉。") == []
    assert unrendered("[the listing](event:2019-05-15-huawei-entity-list)", "该决定") == []


def test_the_longest_term_wins_and_names_keep_their_case():
    assert unrendered("the National People's Congress", "全国人民代表大会") == []
    assert unrendered("China's Export Control Law", "中国《出口管制法》") == []
    assert unrendered("firms must honor their obligations", "企业必须履行义务") == []
    assert unrendered("data from Dell'Oro Group", "Dell'Oro集团的数据") == []
    assert unrendered("Foreign direct product rule cases.", "该规则的案例。") == ["foreign direct product rule → 外国直接产品规则"]
    assert unrendered("as carried by Silicon Semiconductor", "由Silicon Semiconductor转载") == []
    assert unrendered("Chips. Semiconductor exports fell.", "芯片。出口下降。") == ["semiconductor → 半导体"]


def test_the_term_base_is_well_formed():
    data = termbase()
    for kind in ("terms", "publishers"):
        names = [entry["en"] for entry in data[kind]]
        assert not {n for n in names if names.count(n) > 1}, f"listed twice among the {kind}"
    seen: set[str] = set()
    for entry in data["terms"] + data["publishers"]:
        assert set(entry) <= {"en", "zh", "also", "kind", "source", "note"}, entry
        seen.add(entry["en"])
        assert re.search(r"[\u4e00-\u9fff]", entry["zh"]) or entry["zh"] == entry["en"], entry
        if "source" in entry:
            source = entry["source"]
            assert set(source) <= {"url", "publisher", "via", "quote", "seen"}, entry
            assert source["url"].startswith("https://") and source["quote"] and source["publisher"], entry
    for term in ("Bureau of Industry and Security", "Entity List", "foreign direct product rule", "SMIC", "TSMC",
                 "ASML", "Nvidia", "HiSilicon", "EUV", "DUV", "HBM", "presumption of denial"):
        assert term in seen, f"the term base has no entry for {term}"


def test_every_publisher_in_the_term_base_is_a_publisher_of_the_record(real_content):
    publishers = {s.publisher for s in real_content.sources.values()}
    assert not [p["en"] for p in termbase()["publishers"] if p["en"] not in publishers]
