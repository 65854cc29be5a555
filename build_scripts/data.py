"""The open-data downloads: the same records as JSON and CSV, a stable public interface (docs/data.md)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
from typing import TYPE_CHECKING, Any

from .models import text

if TYPE_CHECKING:
    from .pages import Site

SCHEMA_VERSION = 1


def _generated(site: Site) -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds); otherwise the newest review date, so that
    regenerating unchanged content rewrites nothing."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    reviewed = [r.last_reviewed.iso() for r in (*site.events, *site.claims)]
    return f"{max(reviewed, default='1970-01-01')}T00:00:00Z"


def _url(record: Any) -> str:
    return f"{record.folder}/{record.id}.html"


def tables(site: Site) -> dict[str, list[dict[str, Any]]]:
    """One list of flat-ish rows per download, in a stable order."""
    content = site.content
    return {
        "events": [{
            "id": e.id, "title": text(e.title), "date": e.date.iso(),
            "date_end": e.date_end.iso() if e.date_end else None, "precision": e.date.precision,
            "approximate": e.approximate, "date_kind": e.date_kind, "scheduled": e.scheduled, "lane": e.lane,
            "summary": text(e.summary), "actors": list(e.actors), "topics": list(e.topics),
            "citations": list(dict.fromkeys(c.source for c in e.citations)),
            "last_reviewed": e.last_reviewed.iso(), "url": _url(e),
        } for e in site.events],
        "claims": [{
            "id": c.id, "text": text(c.text), "short": c.short, "claimant": text(c.claimant),
            "date": c.date.iso() if c.date else None, "verdict": c.verdict, "explanation": text(c.explanation),
            "appearance": c.appearance.source,
            "citations": list(dict.fromkeys(e.source for e in c.evidence)),
            "last_reviewed": c.last_reviewed.iso(), "url": _url(c),
        } for c in site.claims],
        "sources": [{
            "id": s.id, "title": text(s.title), "publisher": s.publisher, "via": s.via,
            "date": s.date.iso() if s.date else None, "url": s.url, "archive_url": s.archive_url,
            "accessed": s.accessed.iso(), "type": s.type, "primary": s.primary, "language": s.language,
            "cited_by": [_url(r) for r in site.cited_by[s.id]], "page": _url(s),
        } for s in sorted(content.sources.values(), key=lambda s: s.id)],
        "actors": [{
            "id": a.id, "name": text(a.name), "short_name": a.short_name, "kind": a.kind, "country": a.country,
            "description": text(a.description), "url": _url(a),
        } for a in sorted(content.actors.values(), key=lambda a: a.id)],
        "topics": [{
            "id": t.id, "name": text(t.name), "description": text(t.description), "url": _url(t),
        } for t in sorted(content.topics.values(), key=lambda t: t.id)],
    }


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            # lists become space-separated ids; ids never contain spaces
            writer.writerow({k: " ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


def downloads(site: Site) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    generated = _generated(site)
    for name, rows in tables(site).items():
        document = {"schema_version": SCHEMA_VERSION, "generated": generated, name: rows}
        files[f"data/{name}.json"] = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
        files[f"data/{name}.csv"] = _csv(rows).encode()
    return files
