"""Where each mark of the overview chart goes: events over time, one row per lane, drawn at build time as
a static SVG that works without JavaScript and from file://.

One mark per lane and half-year, so the chart keeps its size as the record grows. The drawing is in CSS
pixels (it scrolls sideways on a narrow screen rather than shrinking), so that every mark keeps a hit area
of at least 24 px (WCAG 2.5.8) and no two marks of a lane overlap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, ClassVar

from .models import LANES, Event

@dataclass
class Mark:
    x: float
    y: float
    r: float
    lane: str
    events: list[Event]
    page: Any  # the timeline page holding the first of its events
    year: int
    half: int  # 0: January to June (or the month is not known), 1: July to December

    @property
    def anchor(self) -> str:
        first = self.events[0].date
        return f"{first.year}-{first.month:02d}" if first.month else str(first.year)


@dataclass
class Chart:
    BUCKET: ClassVar[int] = 30  # px per half-year: wider than the 24 px hit area, so marks never overlap
    HIT: ClassVar[int] = 28
    LANE_HEIGHT: ClassVar[int] = 58
    AXIS: ClassVar[int] = 30
    MARGIN: ClassVar[int] = 12

    width: int
    height: int
    years: list[tuple[int, float]]  # (year, x of its label)
    ticks: list[tuple[float, bool]]  # (x, whether it starts a year): a tick at every half-year
    lanes: list[tuple[str, float]]  # (lane, y of its label): the template names it in the page's language
    marks: list[Mark]
    counts: list[tuple[int, str, dict[str, int]]]  # (year, its first page, lane -> events): the text alternative

    @classmethod
    def of(cls, years: dict[int, list[Event]], pages: list[Any]) -> Chart:
        lanes = list(LANES)
        height = len(lanes) * cls.LANE_HEIGHT + cls.AXIS
        if not years:
            return cls(2 * cls.MARGIN, height, [], [], [], [], [])
        first, last = min(years), max(years)
        span = last - first + 1
        width = 2 * cls.MARGIN + span * 2 * cls.BUCKET
        page_of = {e.id: page for page in pages for e in page.items}
        buckets: dict[tuple[str, int, int], list[Event]] = defaultdict(list)
        counts: dict[int, dict[str, int]] = {y: dict.fromkeys(lanes, 0) for y in years}
        for year, events in years.items():
            for event in events:
                half = 1 if event.date.month > 6 else 0  # a date known only to the year goes in its first half
                buckets[(event.lane, year, half)].append(event)
                counts[year][event.lane] += 1
        marks = []
        for (lane, year, half), events in buckets.items():
            x = cls.MARGIN + ((year - first) * 2 + half + 0.5) * cls.BUCKET
            marks.append(Mark(x=x, y=lanes.index(lane) * cls.LANE_HEIGHT + 38,
                              r=round(min(12.0, 6 + 1.6 * (len(events) - 1) ** 0.5), 1), lane=lane, events=events,
                              page=page_of[events[0].id], year=year, half=half))
        ticks = [(cls.MARGIN + i * cls.BUCKET, i % 2 == 0) for i in range(span * 2 + 1)]
        return cls(
            width=width, height=height,
            years=[(y, cls.MARGIN + ((y - first) * 2 + 1) * cls.BUCKET) for y in range(first, last + 1)],
            ticks=ticks,
            lanes=[(lane, i * cls.LANE_HEIGHT + 16) for i, lane in enumerate(lanes)],
            marks=sorted(marks, key=lambda m: (lanes.index(m.lane), m.x)),
            counts=[(y, next(p.slug for p in pages if p.year == y), counts[y]) for y in sorted(years)])
