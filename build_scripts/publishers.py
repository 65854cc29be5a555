"""Publishers' names: what tells two publishers apart, and spellings of one publisher that split it in two."""

from __future__ import annotations

import re
import unicodedata

from .content import Content
from .loader import Problem


def key(name: str, notes: bool = False) -> str:
    """A publisher's name reduced to what tells publishers apart: no case, accents, punctuation, leading
    "The" or "U.S." versus "US"; without its bracketed note unless `notes`."""
    name = (name if notes else re.sub(r"\([^)]*\)", " ", name)).replace("U.S.", "US")
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    words = re.findall(r"[a-z0-9]+", name)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


# Short forms of outlets whose stories are reprinted everywhere. A list rather than a guess from initials:
# "CNA" is both Singapore's Channel NewsAsia and Taiwan's Central News Agency.
_SHORT_FORMS = {"afp": "agence france presse", "ap": "associated press", "upi": "united press international",
                "dpa": "deutsche presse agentur", "bbc": "british broadcasting corporation",
                "scmp": "south china morning post", "wsj": "wall street journal", "ft": "financial times",
                "bis": "us bureau of industry and security", "doj": "us department of justice"}


def spellings(content: Content) -> list[Problem]:
    """Two spellings of one publisher split it in the sources index and let one outlet count as two
    independent sources. Warn where names match but for case, punctuation and notes, or where one is the
    other's usual short form (AFP, Agence France-Presse); the spelling more sources use is taken as the norm."""
    counts: dict[str, int] = {}
    for source in content.sources.values():
        counts[source.publisher] = counts.get(source.publisher, 0) + 1
    names = sorted(counts, key=lambda n: (-counts[n], n))
    usual: dict[str, str] = {}
    for name in names:
        own_key = key(name)
        for other in names:
            if other == name or counts[other] < counts[name] or (counts[other] == counts[name] and other > name):
                continue
            other_key = key(other)
            # "Baker McKenzie (blog)" is Baker McKenzie, but "The Nation (Thailand)" is not "The Nation (Pakistan)"
            same = key(name, True) == key(other, True) or (
                own_key == other_key and ("(" not in name or "(" not in other))
            if same or _SHORT_FORMS.get(own_key) == other_key or _SHORT_FORMS.get(other_key) == own_key:
                usual[name] = other
                break
    problems = []
    for source in content.sources.values():
        if source.publisher in usual:
            norm = usual[source.publisher]
            problems.append(content.document(source).problem(
                ("publisher",), f"'{source.publisher}' looks like another spelling of '{norm}' ({counts[norm]} "
                f"source{'s' if counts[norm] > 1 else ''}): use one spelling for one publisher",
                severity="warning"))
    return problems
