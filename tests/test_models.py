"""The models on their own: every date form, localized text, ids and URLs."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from build_scripts.models import Citation, Claim, PartialDate, Source
from build_scripts.render import show_date, show_span


@pytest.mark.parametrize("value, iso, precision", [
    ("2019-05-15", "2019-05-15", "day"),
    ("2019-05", "2019-05", "month"),
    ("2019", "2019", "year"),
    (2019, "2019", "year"),
    ("2024-02-29", "2024-02-29", "day"),
])
def test_date_forms(value, iso, precision):
    date = PartialDate.parse(value)
    assert (date.iso(), date.precision) == (iso, precision)


@pytest.mark.parametrize("value, message", [
    ("2023-02-30", "'2023-02-30' is not a date: February 2023 has 28 days"),
    ("2019-13", "'2019-13' is not a date: there is no month 13"),
    ("2019-5-1", "'2019-5-1' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("May 2019", "'May 2019' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
    (True, "expected a date written as YYYY-MM-DD, YYYY-MM or YYYY"),
    (19.5, "expected a date written as YYYY-MM-DD, YYYY-MM or YYYY"),
])
def test_impossible_dates(value, message):
    with pytest.raises(ValueError) as error:
        PartialDate.parse(value)
    assert str(error.value) == message


def test_dates_order_by_their_earliest_and_latest_day():
    assert PartialDate.parse("2019").first_day() == (2019, 1, 1)
    assert PartialDate.parse("2019").last_day() == (2019, 12, 31)
    assert PartialDate.parse("2024-02").last_day() == (2024, 2, 29)


@pytest.mark.parametrize("start, end, approximate, shown", [
    ("2019-05-15", None, False, "15 May 2019"),
    ("2019-05", None, False, "May 2019"),
    ("2020", None, True, "c. 2020"),
    ("2022-10", "2023-01", False, "Oct 2022 – Jan 2023"),
    ("2019-05-15", "2019-05-21", False, "15 May 2019 – 21 May 2019"),
    ("2019-05-15", "2019-05-15", False, "15 May 2019"),
])
def test_dates_are_shown_at_their_precision(start, end, approximate, shown):
    end_date = PartialDate.parse(end) if end else None
    assert show_span(PartialDate.parse(start), end_date, approximate) == shown


def test_show_date_single():
    assert show_date(PartialDate.parse("2020-09-15")) == "15 September 2020"


def test_text_is_plain_or_a_language_mapping():
    plain = Citation.model_validate({"source": "a", "locator": "p. 4"})
    mapped = Citation.model_validate({"source": "a", "locator": {"en": "p. 4", "zh": "第4页"}})
    assert plain.locator == {"en": "p. 4"}
    assert mapped.locator == {"en": "p. 4", "zh": "第4页"}


def test_a_quote_stays_in_its_own_language_with_translations_beside_it():
    citation = Citation.model_validate({"source": "a", "quote": "国家互联网信息办公室约谈了英伟达公司",
                                        "translation": {"en": "The CAC summoned Nvidia"}})
    assert citation.quote == "国家互联网信息办公室约谈了英伟达公司"
    assert citation.translation == {"en": "The CAC summoned Nvidia"}
    with pytest.raises(ValidationError, match="expected text"):
        Citation.model_validate({"source": "a", "quote": {"en": "x", "zh": "y"}})


@pytest.mark.parametrize("locator, message", [
    ({"zh": "第4页"}, "a mapping of languages must include 'en'"),
    ({"en": "x", "Chinese": "y"}, "'Chinese' is not a language code such as en or zh"),
])
def test_bad_text(locator, message):
    with pytest.raises(ValidationError) as error:
        Citation.model_validate({"source": "a", "locator": locator})
    assert error.value.errors()[0]["ctx"]["error"].args[0] == message


@pytest.mark.parametrize("translation, message", [
    ({}, "expected a mapping of language code to text, such as {zh: ...}"),
    ({"Chinese": "y"}, "'Chinese' is not a language code such as en or zh"),
    ({"zh": " "}, "zh: text is empty"),
])
def test_bad_translation(translation, message):
    with pytest.raises(ValidationError) as error:
        Citation.model_validate({"source": "a", "quote": "x", "translation": translation})
    assert error.value.errors()[0]["ctx"]["error"].args[0] == message


@pytest.mark.parametrize("quote, message", [
    ("word " * 26, "quote has 26 words; quote at most 25"),
    ("bell\x07", "text contains a control character; remove it"),
    ("   ", "text is empty"),
])
def test_bad_quote(quote, message):
    with pytest.raises(ValidationError) as error:
        Citation.model_validate({"source": "a", "quote": quote})
    assert error.value.errors()[0]["ctx"]["error"].args[0] == message


SOURCE = {"id": "s", "title": "T", "publisher": "P", "url": "https://example.org/a", "accessed": "2026-01-01",
          "language": "en", "type": "news"}


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd",
                                 "https://exa mple.org/", "ftp://example.org/", "https:///nohost"])
def test_only_http_urls(url):
    with pytest.raises(ValidationError):
        Source.model_validate({**SOURCE, "url": url})


def test_source_defaults():
    source = Source.model_validate(SOURCE)
    assert (source.primary, source.via, source.authors, source.date) == (False, None, [], None)


def test_claim_needs_evidence_and_short_text():
    base = {"id": "c", "text": "t", "short": "s", "claimant": "x", "appearance": {"source": "s"},
            "verdict": "opinion", "explanation": "e", "last_reviewed": "2026-01-01",
            "evidence": [{"source": "s", "stance": "context"}]}
    assert Claim.model_validate(base).verdict == "opinion"
    with pytest.raises(ValidationError, match="at least 1 item"):
        Claim.model_validate({**base, "evidence": []})
    with pytest.raises(ValidationError, match="the en short form has 76 characters; use at most 75"):
        Claim.model_validate({**base, "short": "x" * 76})
    with pytest.raises(ValidationError, match="the zh short form has 76 characters"):
        Claim.model_validate({**base, "short": {"en": "s", "zh": "字" * 76}})
