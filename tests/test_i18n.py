"""The Chinese edition's machinery: complete message catalogs, dates in Chinese, every page's twin and the
switcher between them, the fallback to marked English, and the missing-translation report."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from build_scripts import i18n
from build_scripts.models import PartialDate
from build_scripts.render import show_date, show_span

from .conftest import FIXTURE, ROOT, build_site, run_cli

CATALOG = ROOT / "locale" / "zh" / "LC_MESSAGES" / "messages.po"


def extracted(tmp_path: Path) -> set[str]:
    """The messages the templates and the code use today, extracted as `make messages` does."""
    pot = tmp_path / "messages.pot"
    result = subprocess.run([str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg", "-k", "N_",
                             "-k", "gettext", "-k", "ngettext:1,2", "--no-location", "-o", str(pot), "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with pot.open("rb") as file:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}


def test_the_chinese_catalog_translates_every_message(tmp_path):
    with CATALOG.open("rb") as file:
        catalog = read_po(file, locale="zh_Hans_CN")
    entries = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}
    needed = extracted(tmp_path)
    missing = sorted(needed - set(entries))
    assert not missing, f"run `make messages` and translate: {missing}"
    untranslated = sorted(i for i in needed if not entries[i].string or entries[i].fuzzy
                          or (isinstance(entries[i].string, tuple) and not all(entries[i].string)))
    assert not untranslated, f"{len(untranslated)} message(s) have no Chinese: {untranslated[:10]}"
    stale = sorted(set(entries) - needed)
    assert not stale, f"the catalog holds messages nothing uses (run `make messages`): {stale[:10]}"


def test_placeholders_survive_translation():
    with CATALOG.open("rb") as file:
        catalog = read_po(file, locale="zh_Hans_CN")
    for message in catalog:
        if message.id and message.string:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = set(re.findall(r"%\(\w+\)s", ids[0]))
            for string in strings:
                assert set(re.findall(r"%\(\w+\)s", string)) == wanted, message.id


@pytest.mark.parametrize("value, approximate, english, chinese", [
    ("2019-05-15", False, "15 May 2019", "2019年5月15日"),
    ("2019-05", False, "May 2019", "2019年5月"),
    ("2020", True, "c. 2020", "约2020年"),
    ("2020", False, "2020", "2020年"),
])
def test_dates_read_as_each_language_writes_them(value, approximate, english, chinese):
    date = PartialDate.parse(value)
    assert show_date(date, approximate=approximate) == english
    with i18n.use("zh"):
        assert show_date(date, approximate=approximate) == chinese
    assert i18n.current() == "en"


def test_a_span_reads_in_chinese():
    with i18n.use("zh"):
        assert show_span(PartialDate.parse("2020-01-15"), PartialDate.parse("2020-02")) == "2020年1月15日至2020年2月"


def test_verdicts_and_lanes_read_in_chinese():
    from build_scripts.models import LANES, VERDICTS
    with i18n.use("zh"):
        assert VERDICTS["mostly-accurate"].label == "基本准确"
        assert VERDICTS["unsupported"].label == "缺乏依据"
        assert re.search(r"[\u4e00-\u9fff]", LANES["us-measures"])
    assert VERDICTS["mostly-accurate"].label == "Mostly accurate"


def test_every_english_page_has_a_chinese_twin_and_the_switcher_links_them(fixture_site):
    english = {p.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("*.html")
               if not p.relative_to(fixture_site).as_posix().startswith("zh/") and p.name != "404.html"}
    chinese = {p.relative_to(fixture_site / "zh").as_posix() for p in (fixture_site / "zh").rglob("*.html")}
    assert english and english <= chinese
    for path in english:
        depth = "../" * path.count("/")
        en_html = (fixture_site / path).read_text()
        zh_html = (fixture_site / "zh" / path).read_text()
        assert f'href="{depth}zh/{path}" hreflang="zh-Hans"' in en_html, path
        assert f'href="{depth}../{path}" hreflang="en"' in zh_html, path
        assert '<html lang="zh"' in zh_html and '<html lang="en"' in en_html


def test_the_chinese_pages_are_in_chinese(fixture_site):
    html = (fixture_site / "zh" / "events" / "2020-01-15-widget-rule.html").read_text()
    assert "<h1>示例机构限制小部件出口</h1>" in html
    assert '<time datetime="2020-01-15">2020年1月15日至2020年2月</time>' in html
    claim = (fixture_site / "zh" / "claims" / "widget-ban.html").read_text()
    assert "“该机构于2020年禁止了所有小部件”" in claim
    article = claim.split("<article", 1)[1].split("</article>", 1)[0]
    # English only where the source is: its titles and its quoted words, each marked, each with our translation
    assert '<p lang="en">' not in article
    assert set(re.findall(r'<span lang="en">([^<]*)</span>', article)) == {
        "An essay about widgets", "a licence is required for all widgets", "Example rule on widgets",
        "Agency restricts widget exports"}
    assert "（本站译文：“所有小部件均须获得许可证”）" in article


def test_hreflang_links_are_absolute_on_a_published_site(published_site):
    html = (published_site / "events" / "2020-01-15-widget-rule.html").read_text()
    assert ('<link rel="alternate" hreflang="zh-Hans" '
            'href="https://record.example.org/zh/events/2020-01-15-widget-rule.html">') in html
    assert '<link rel="alternate" hreflang="en" href="https://record.example.org/events/2020-01-15-widget-rule.html">' in html
    zh = (published_site / "zh" / "events" / "2020-01-15-widget-rule.html").read_text()
    assert '<link rel="canonical" href="https://record.example.org/zh/events/2020-01-15-widget-rule.html">' in zh
    # Material fetches a sitemap.xml beside each hreflang address: one answers in every page folder.
    assert (published_site / "zh" / "events" / "sitemap.xml").read_text().startswith("<?xml")


def _without_chinese(tmp_path: Path, field: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    event = content / "events" / "2020-01-15-widget-rule.yaml"
    text = event.read_text()
    text, count = re.subn(rf"^{field}:\n  en: (.*)\n  zh: .*\n", rf"{field}: \1\n", text, flags=re.M)
    assert count == 1
    event.write_text(text)
    return content


def test_an_untranslated_field_falls_back_to_english_marked_as_english(tmp_path):
    site = build_site(tmp_path / "build", _without_chinese(tmp_path, "summary"))
    html = (site / "zh" / "events" / "2020-01-15-widget-rule.html").read_text()
    assert '<p class="rec-summary"><span lang="en">The agency announced a licence requirement for widgets.</span></p>' in html
    assert "<h1>示例机构限制小部件出口</h1>" in html


def test_check_reports_each_missing_translation_and_require_makes_it_an_error(tmp_path):
    content = _without_chinese(tmp_path, "title")
    warned = run_cli("--content", str(content), "check", cwd=tmp_path)
    line = next(n for n, text in enumerate((content / "events" / "2020-01-15-widget-rule.yaml").read_text().splitlines(), 1)
                if text.startswith("title:"))
    assert warned.returncode == 0
    assert warned.stdout == f"content/events/2020-01-15-widget-rule.yaml:{line}:8: warning: title: has no text in 'zh'\n"
    assert "zh: 1 text(s) without a translation" in warned.stderr
    required = run_cli("--content", str(content), "check", "--require", "zh", cwd=tmp_path)
    assert required.returncode == 1
    assert required.stdout == f"content/events/2020-01-15-widget-rule.yaml:{line}:8: title: has no text in 'zh'\n"


def test_a_quote_without_a_chinese_translation_is_reported_at_the_quote(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    event = content / "events" / "2020-01-15-widget-rule.yaml"
    text, count = re.subn(r"\n    translation:\n      zh: .*", "", event.read_text())
    assert count == 1
    event.write_text(text)
    result = run_cli("--content", str(content), "check", "--require", "zh", cwd=tmp_path)
    assert result.returncode == 1
    assert re.fullmatch(r"content/events/2020-01-15-widget-rule\.yaml:\d+:\d+: citations\[0\]\.quote: "
                        r"has no translation into 'zh'\n", result.stdout)


def test_the_real_record_is_translated_into_chinese():
    result = run_cli("--content", str(ROOT / "content"), "check", "--require", "zh", cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
