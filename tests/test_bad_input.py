"""The bad-input corpus: every case asserts the exact messages, files, lines and columns.

Each case writes one file into a copy of the valid fixture content (tests/fixtures/content) and runs the
checks. An empty list means the input must be accepted.
"""

from __future__ import annotations

import pytest

from build_scripts.checks import check

from .conftest import TODAY, missing_translation

EVENT = 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n'
SOURCE = 'id: s\ntitle: T\npublisher: P\nurl: https://example.org/a\naccessed: 2026-01-01\nlanguage: en\ntype: news\n'

CASES = [
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane:\tus-measures\n\tsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:6:1: invalid YAML: while scanning a plain scalar found a tab character that violates indentation; indent with spaces, not tabs'], id='tab'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\ntitle: [unclosed\n',
                 ["content/events/x.yaml:11:1: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'"], id='syntax'),
    pytest.param('events/x.yaml', '\ufeffid: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 [], id='bom'),
    pytest.param('events/x.yaml', 'id: x\r\ntitle: A title\r\ndate: 2020-01-15\r\ndate_kind: announced\r\nlane: us-measures\r\nsummary: A summary.\r\ncitations:\r\n  - source: gazette-2020-01-15-rule\r\nlast_reviewed: 2026-11-01\r\n',
                 [], id='crlf'),
    pytest.param('events/x.yaml', b'id: x\ntitle: A t\xffitle\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:2:11: file is not UTF-8: byte 0xff cannot be decoded; save it as UTF-8'], id='nonutf8'),
    pytest.param('events/x.yaml', '',
                 ['content/events/x.yaml:1:1: file is empty; expected a mapping of fields'], id='empty'),
    pytest.param('events/x.yaml', '# nothing\n',
                 ['content/events/x.yaml:1:1: file is empty; expected a mapping of fields'], id='comment-only'),
    pytest.param('events/x.yaml', '- a\n- b\n',
                 ['content/events/x.yaml:1:1: expected a mapping of fields at the top level, found a list'], id='list'),
    pytest.param('events/x.yaml', 'just text\n',
                 ["content/events/x.yaml:1:1: expected a mapping of fields at the top level, found the text 'just text'"], id='scalar'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\ntitle: Again\n',
                 ["content/events/x.yaml:10:1: title: duplicate key 'title' (first given on line 2); YAML would keep only the last"], id='dup'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\ntitel: Typo\n',
                 ["content/events/x.yaml:10:1: titel: unknown field 'titel' (did you mean 'title'?); expected one of: actors, announced, approximate, body, changelog, citations, date, date_end, date_kind, effective, id, lane, last_reviewed, published, related_claims, related_events, scheduled, summary, title, topics"], id='unknown'),
    pytest.param('events/x.yaml', 'id: x\ntitle: no\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:2:8: title: expected text, or a mapping of language code to text, found the boolean false (YAML reads an unquoted `no` that way)'], id='no-bool'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: on\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:6:10: summary: expected text, or a mapping of language code to text, found the boolean true (YAML reads an unquoted `on` that way)'], id='on-bool'),
    pytest.param('events/x.yaml', 'id: x\ntitle: 1e3\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 [], id='1e3'),
    pytest.param('events/x.yaml', 'id: x\ntitle: 1.5\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:2:8: title: expected text, or a mapping of language code to text, found the number 1.5'], id='1.5'),
    pytest.param('events/x.yaml', 'id: x\ntitle: 12:30\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:2:8: title: expected text, or a mapping of language code to text, found the number 750 (YAML reads an unquoted `12:30` that way)'], id='time'),
    pytest.param('events/x.yaml', 'id: x\ntitle: 2019-05-15\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 [], id='datetext'),
    pytest.param('events/x.yaml', 'id: x\ntitle:\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:2:7: title: expected text, or a mapping of language code to text, found an empty value'], id='null'),
    pytest.param('events/x.yaml', 'id: x\ntitle: [a, b]\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:2:8: title: expected text, or a mapping of language code to text, found a list'], id='list-title'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2023-02-30\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ["content/events/x.yaml:3:7: date: '2023-02-30' is not a date: February 2023 has 28 days"], id='feb30'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_end: 2019-12\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:4:11: date_end: ends on 2019-12, before it starts on 2020-01-15'], id='end-before'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2027-01-01\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:3:7: date: 2027-01-01 is in the future (mark the event `scheduled: true` if this is a coming date)'], id='future'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2027-01-01\nscheduled: true\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 [], id='future-sched'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-1\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ["content/events/x.yaml:3:7: date: '2020-1' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"], id='precision'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: usa\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ["content/events/x.yaml:5:7: lane: expected one of 'us-measures', 'allied-measures', 'china-measures' or 'milestones'; found the text 'usa'"], id='lane'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rules\nlast_reviewed: 2026-11-01\n',
                 ["content/events/x.yaml:8:13: citations[0].source: unknown source 'gazette-2020-01-15-rules' (did you mean 'gazette-2020-01-15-rule'?)"], id='dangling'),
    pytest.param('events/x.yaml', 'id: y\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ["content/events/x.yaml:1:5: id: id 'y' does not match the file name; expected 'x'"], id='idmismatch'),
    pytest.param('events/X.yaml', 'id: X\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ["content/events/X.yaml:1:5: id: 'X' is not a valid id: use lower-case letters, digits and single hyphens"], id='case'),
    pytest.param('events/x.yaml', 'id: ../x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ["content/events/x.yaml:1:5: id: '../x' is not a valid id: use lower-case letters, digits and single hyphens"], id='traversal'),
    pytest.param('sources/s.yaml', 'id: s\ntitle: T\npublisher: P\nurl: javascript:alert(1)\naccessed: 2026-01-01\nlanguage: en\ntype: news\n',
                 ["content/sources/s.yaml:4:6: url: 'javascript:alert(1)' is not an http or https URL"], id='js-url'),
    pytest.param('events/x.yaml', 'id: x\ntitle: <script>alert(1)</script>\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 [], id='html'),
    pytest.param('events/x.yaml', 'a: &a [x, x]\nb: &b [*a, *a]\nid: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:1:4: YAML anchors and aliases (&name, *name) are not allowed in content files'], id='alias'),
    pytest.param('events/x.yaml', EVENT + "body: " + "[" * 30 + "]" * 30 + "\n",
                 ['content/events/x.yaml:10:26: nesting is deeper than 20 levels'], id='deep'),
    pytest.param('events/x.yaml', EVENT + "# " + "x" * 1_000_001 + "\n",
                 ['content/events/x.yaml:1:1: file is 1,000,174 bytes; the limit is 1,000,000 bytes'], id='big'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:1:1: summary: required field is missing'], id='missing'),
    pytest.param('events/x.yaml', 'id: x\ntitle: "A\\x07title"\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:2:8: title: text contains a control character; remove it'], id='ctrl'),
    pytest.param('events/x.yml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yml:1:1: content files must end in .yaml'], id='yml'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\n    quote: w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w \nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:9:12: citations[0].quote: quote has 30 words; quote at most 25'], id='quote-long'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ["content/events/x.yaml:8:5: citations[0]: expected a mapping of fields, found the text 'gazette-2020-01-15-rule'"], id='citation-str'),
    pytest.param('sources/s.yaml', 'id: s\ntitle: T\npublisher: P\nurl: data:text/html,hi\naccessed: 2026-01-01\nlanguage: en\ntype: news\n',
                 ["content/sources/s.yaml:4:6: url: 'data:text/html,hi' is not an http or https URL"], id='data-url'),
    pytest.param('sources/s.yaml', 'id: s\ntitle: T\npublisher: P\nurl: file:///etc/passwd\naccessed: 2026-01-01\nlanguage: en\ntype: news\n',
                 ["content/sources/s.yaml:4:6: url: 'file:///etc/passwd' is not an http or https URL"], id='file-url'),
    pytest.param('sources/s.yaml', 'id: s\ntitle: T\npublisher: P\nurl: https://example.org/a b\naccessed: 2026-01-01\nlanguage: en\ntype: news\n',
                 ["content/sources/s.yaml:4:6: url: 'https://example.org/a b' is not a valid URL: it has no host, or it contains spaces"], id='space-url'),
    pytest.param('sources/s.yaml', 'id: s\ntitle: T\npublisher: P\nurl: https://example.org/a\naccessed: 2026-01-01\nlanguage: en\ntype: news\narchive_url: https://web.archive.org/web/2020/https://example.org/a\n',
                 ['content/sources/s.yaml:8:14: archive_url: archive_url needs archive_date, the day the copy was made'], id='archive-nodate'),
    pytest.param('sources/s.yaml', 'id: s\ntitle: T\npublisher: P\nurl: https://example.org/a\naccessed: 2026-12-01\nlanguage: en\ntype: news\n',
                 ['content/sources/s.yaml:5:11: accessed: 2026-12-01 is in the future'], id='future-accessed'),
    pytest.param('sources/s.yaml', 'id: s\ntitle: T\npublisher: P\nurl: https://example.org/a\naccessed: 2026-01-01\nlanguage: en\ntype: blog\n',
                 ["content/sources/s.yaml:7:7: type: expected one of 'regulation', 'legislation', 'press-release', 'statement', 'guidance', 'news', 'analysis', 'report', 'filing', 'dataset', 'speech', 'transcript', 'interview', 'social-post', 'essay' or 'other'; found the text 'blog'"], id='bad-type'),
    pytest.param('sources/s.yaml', 'id: s\ntitle: T\npublisher: P\nurl: https://example.org/a\naccessed: 2026-01-01\nlanguage: en\ntype: news\nprimary: yes\n',
                 [], id='primary-yes'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\napproximate: "yes"\n',
                 ["content/events/x.yaml:10:14: approximate: expected true or false, found the text 'yes'"], id='approx-str'),
    pytest.param('events/x.yaml', 'id: 2019\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:1:5: id: expected an id (text), found the number 2019'], id='int-id'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations: []\nlast_reviewed: 2026-11-01\n',
                 ['content/events/x.yaml:7:12: citations: needs at least 1 item'], id='empty-citations'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\nactors: [example-agency, exmple-corp]\n',
                 ["content/events/x.yaml:10:26: actors[1]: unknown actor 'exmple-corp' (did you mean 'example-corp'?)"], id='unknown-actor'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\ntopics: [controls]\n',
                 ["content/events/x.yaml:10:10: topics[0]: unknown topic 'controls' (did you mean 'test-controls'?)"], id='unknown-topic'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\nrelated_events: [2099-nothing]\nrelated_claims: [nope]\n',
                 ["content/events/x.yaml:10:18: related_events[0]: unknown event '2099-nothing'", "content/events/x.yaml:11:18: related_claims[0]: unknown claim 'nope'"], id='unknown-related'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\nchangelog:\n  - date: 2026-01-01\n    kind: correction\n    note: Fixed.\n    previous_verdict: accurate\n',
                 ['content/events/x.yaml:14:23: changelog[0].previous_verdict: only claims have verdicts'], id='event-prev-verdict'),
    pytest.param('events/x.yaml', 'id: x\ntitle: A title\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\n    source: wire-2020-01-16-report\nlast_reviewed: 2026-11-01\n',
                 ["content/events/x.yaml:9:5: source: duplicate key 'source' (first given on line 8); YAML would keep only the last"], id='dup-nested'),
    pytest.param('events/x.yaml', "id: x\ntitle: '[click](https://evil.example) ![img](x.png) {{ 7*7 }} {% raw %}'\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n",
                 [], id='markdown-text'),
    pytest.param('events/x.yaml', 'id: x\ntitle:\n  zh: 标题\ndate: 2020-01-15\ndate_kind: announced\nlane: us-measures\nsummary: A summary.\ncitations:\n  - source: gazette-2020-01-15-rule\nlast_reviewed: 2026-11-01\n',
                 ["content/events/x.yaml:3:3: title: a mapping of languages must include 'en'"], id='lang-no-en'),
    pytest.param('claims/widget-ban.yaml', 'id: widget-ban\ntext: "In 2020 the agency banned all widgets."\nshort: The agency banned all widgets in 2020\nclaimant: An example essayist\nappearance:\n  source: blog-2021-essay\n  locator: paragraph 2\ndate: 2021\nverdict: true\nexplanation: The agency required a licence for widgets [@gazette-2020-01-15-rule].\nevidence:\n  - source: gazette-2020-01-15-rule\n    quote: "a licence is required for all widgets"\n    stance: supports\n  - source: wire-2020-01-16-report\n    stance: context\nunknowns:\n  - How many licences were granted.\ntopics: [test-controls]\nrelated_events: [2020-01-15-widget-rule]\nlast_reviewed: 2026-11-01\nchangelog:\n  - date: 2026-11-03\n    kind: update\n    note: New evidence changed the verdict.\n    previous_verdict: accurate\n',
                 ["content/claims/widget-ban.yaml:9:10: verdict: expected one of 'accurate', 'mostly-accurate', 'partly-accurate', 'misleading', 'inaccurate', 'unsupported' or 'opinion'; found the boolean true"], id='verdict'),
    pytest.param('claims/widget-ban.yaml', 'id: widget-ban\ntext: "In 2020 the agency banned all widgets."\nshort: The agency banned all widgets in 2020\nclaimant: An example essayist\nappearance:\n  source: blog-2021-essay\n  locator: paragraph 2\ndate: 2021\nverdict: mostly-true\nexplanation: The agency required a licence for widgets [@gazette-2020-01-15-rule].\nevidence:\n  - source: gazette-2020-01-15-rule\n    quote: "a licence is required for all widgets"\n    stance: supports\n  - source: wire-2020-01-16-report\n    stance: context\nunknowns:\n  - How many licences were granted.\ntopics: [test-controls]\nrelated_events: [2020-01-15-widget-rule]\nlast_reviewed: 2026-11-01\nchangelog:\n  - date: 2026-11-03\n    kind: update\n    note: New evidence changed the verdict.\n    previous_verdict: accurate\n',
                 ["content/claims/widget-ban.yaml:9:10: verdict: expected one of 'accurate', 'mostly-accurate', 'partly-accurate', 'misleading', 'inaccurate', 'unsupported' or 'opinion'; found the text 'mostly-true'"], id='verdict2'),
    pytest.param('claims/widget-ban.yaml', 'id: widget-ban\ntext: "In 2020 the agency banned all widgets."\nshort: The agency banned all widgets in 2020\nclaimant: An example essayist\nappearance:\n  source: blog-2021-essay\n  locator: paragraph 2\ndate: 2021\nverdict: mostly-accurate\nexplanation: The agency required a licence for widgets [@gazette-2020-01-15-rule].\nevidence:\n  - source: gazette-2020-01-15-rule\n    quote: "a licence is required for all widgets"\n    stance: support\n  - source: wire-2020-01-16-report\n    stance: context\nunknowns:\n  - How many licences were granted.\ntopics: [test-controls]\nrelated_events: [2020-01-15-widget-rule]\nlast_reviewed: 2026-11-01\nchangelog:\n  - date: 2026-11-03\n    kind: update\n    note: New evidence changed the verdict.\n    previous_verdict: accurate\n',
                 ["content/claims/widget-ban.yaml:14:13: evidence[0].stance: expected one of 'supports', 'contradicts' or 'context'; found the text 'support'"], id='stance'),
    pytest.param('claims/widget-ban.yaml', 'id: widget-ban\ntext: "In 2020 the agency banned all widgets."\nshort: The agency banned all widgets in 2020\nclaimant: An example essayist\nappearance:\n  source: blog-2021-essay\n  locator: paragraph 2\ndate: 2021\nverdict: mostly-accurate\nexplanation: The agency required a licence for widgets [@gazette-2020-01-15-rule].\nevidence:\n  - source: gazette-2020-01-15-rule\n    quote: "a licence is required for all widgets"\n    stance: supports\n  - source: gazette-2020-01-15-rule\n    stance: context\nunknowns:\n  - How many licences were granted.\ntopics: [test-controls]\nrelated_events: [2020-01-15-widget-rule]\nlast_reviewed: 2026-11-01\nchangelog:\n  - date: 2026-11-03\n    kind: update\n    note: New evidence changed the verdict.\n    previous_verdict: accurate\n',
                 ["content/claims/widget-ban.yaml:12:3: evidence: a 'mostly-accurate' verdict needs evidence from at least two independent origins (publishers, counting a relayed or reprinted story once); found 1"], id='one-publisher'),
    pytest.param('claims/widget-ban.yaml', 'id: widget-ban\ntext: "In 2020 the agency banned all widgets."\nshort: The agency banned all widgets in 2020\nclaimant: An example essayist\nappearance:\n  source: blog-2021-essay\n  locator: paragraph 2\ndate: 2021\nverdict: mostly-accurate\nexplanation: The agency required a licence for widgets [@gazette-2020-01-15-rule].\nevidence:\n  - source: gazette-2020-01-15-rule\n    quote: "a licence is required for all widgets"\n    stance: supports\n  - source: wire-2020-01-16-report\n    stance: context\nunknowns:\n  - How many licences were granted.\ntopics: [test-controls]\nrelated_events: [2020-01-15-widget-rule]\nlast_reviewed: 2026-11-01\nchangelog:\n  - date: 2026-11-03\n    kind: update\n    note: New evidence changed the verdict.\n    previous_verdict: accurate\nclaimant_actor: nobody\n',
                 ["content/claims/widget-ban.yaml:27:17: claimant_actor: unknown actor 'nobody'"], id='claimant-actor'),
    pytest.param('claims/widget-ban.yaml', 'id: widget-ban\ntext: "In 2020 the agency banned all widgets."\nshort: The agency banned all widgets in 2020\nclaimant: An example essayist\nappearance:\n  source: blog-2021\n  locator: paragraph 2\ndate: 2021\nverdict: mostly-accurate\nexplanation: The agency required a licence for widgets [@gazette-2020-01-15-rule].\nevidence:\n  - source: gazette-2020-01-15-rule\n    quote: "a licence is required for all widgets"\n    stance: supports\n  - source: wire-2020-01-16-report\n    stance: context\nunknowns:\n  - How many licences were granted.\ntopics: [test-controls]\nrelated_events: [2020-01-15-widget-rule]\nlast_reviewed: 2026-11-01\nchangelog:\n  - date: 2026-11-03\n    kind: update\n    note: New evidence changed the verdict.\n    previous_verdict: accurate\n',
                 ["content/claims/widget-ban.yaml:6:11: appearance.source: unknown source 'blog-2021' (did you mean 'blog-2021-essay'?)"], id='appearance'),
    pytest.param('claims/widget-ban.yaml', 'id: widget-ban\ntext: "In 2020 the agency banned all widgets."\nshort: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nclaimant: An example essayist\nappearance:\n  source: blog-2021-essay\n  locator: paragraph 2\ndate: 2021\nverdict: mostly-accurate\nexplanation: The agency required a licence for widgets [@gazette-2020-01-15-rule].\nevidence:\n  - source: gazette-2020-01-15-rule\n    quote: "a licence is required for all widgets"\n    stance: supports\n  - source: wire-2020-01-16-report\n    stance: context\nunknowns:\n  - How many licences were granted.\ntopics: [test-controls]\nrelated_events: [2020-01-15-widget-rule]\nlast_reviewed: 2026-11-01\nchangelog:\n  - date: 2026-11-03\n    kind: update\n    note: New evidence changed the verdict.\n    previous_verdict: accurate\n',
                 ['content/claims/widget-ban.yaml:3:8: short: the en short form has 80 characters; use at most 75'], id='short-long'),
    pytest.param('actors/example-corp.yaml', 'id: example-corp\nname:\n  en: Example Corp\n  zh: 示例公司\nkind: firm\ndescription: A fictional company used by the test suite.\n',
                 ["content/actors/example-corp.yaml:5:7: kind: expected one of 'government-body', 'company', 'person', 'country' or 'organisation'; found the text 'firm'"], id='actor-kind'),
    pytest.param('claims/widget-ban.yaml', 'id: widget-ban\ntext: "In 2020 the agency banned all widgets."\nshort: The agency banned all widgets in 2020\nclaimant: An example essayist\nappearance:\n  source: blog-2021-essay\n  locator: paragraph 2\ndate: 2021\nverdict: mostly-accurate\nexplanation: The agency required a licence for widgets [@gazette-2020-01-15-rule].\nevidence: []\nx_evidence:\n  - source: gazette-2020-01-15-rule\n    quote: "a licence is required for all widgets"\n    stance: supports\n  - source: wire-2020-01-16-report\n    stance: context\nunknowns:\n  - How many licences were granted.\ntopics: [test-controls]\nrelated_events: [2020-01-15-widget-rule]\nlast_reviewed: 2026-11-01\nchangelog:\n  - date: 2026-11-03\n    kind: update\n    note: New evidence changed the verdict.\n    previous_verdict: accurate\n',
                 ['content/claims/widget-ban.yaml:11:11: evidence: needs at least 1 item', "content/claims/widget-ban.yaml:12:1: x_evidence: unknown field 'x_evidence' (did you mean 'evidence'?); expected one of: appearance, changelog, claimant, claimant_actor, date, evidence, explanation, id, last_reviewed, related_events, short, text, topics, unknowns, verdict"], id='evidence-empty'),
]

# Inline citations: the body below is line 10 onwards (EVENT has 9 lines), its text starting at column 3.
BODY = EVENT + "body: |\n"
ORIGIN_CASES = [
    pytest.param('sources/wire-2020-01-16-report.yaml', 'id: wire-2020-01-16-report\ntitle: Agency restricts widget exports\npublisher: Example Daily\nrelays: Example Gazette\nurl: https://daily.example.net/widgets\naccessed: 2026-01-01\nlanguage: en\ntype: news\n',
                 ["content/claims/widget-ban.yaml:23:3: evidence: a 'mostly-accurate' verdict needs evidence from at least two independent origins (publishers, counting a relayed or reprinted story once); found 1"],
                 id='relayed-story-is-one-origin'),
    pytest.param('sources/wire-2020-01-16-report.yaml', 'id: wire-2020-01-16-report\ntitle: Agency restricts widget exports\npublisher: "The Example Gazette (print edition)"\nurl: https://daily.example.net/widgets\naccessed: 2026-01-01\nlanguage: en\ntype: news\n',
                 [], id='bracketed-note-counts-apart'),
]
MARKER_CASES = ORIGIN_CASES + [
    pytest.param('events/x.yaml', EVENT + "announced: 2020-01-15\npublished: 2020-01-17\neffective: 2020-01-16\n", [],
                 id='named-dates'),
    pytest.param('events/x.yaml', EVENT + "announced: 2020-01-14\n",
                 ["content/events/x.yaml:3:7: date: is 2020-01-15, but the event's announced date is 2020-01-14: `date` is the announced date (date_kind), so the two must match"],
                 id='named-date-mismatch'),
    pytest.param('events/x.yaml', EVENT + "published: 2020-01-17\ndate_end: 2020-01-17\n",
                 ["content/events/x.yaml:11:11: date_end: is the event's published date: give it as `published: 2020-01-17`; date_end is only for an event that lasts"],
                 id='date-end-is-publication'),
    pytest.param('events/x.yaml', BODY + "  Ruled [@gazette-2020-01-15-rule].\n\n  Second [@gazette-2020-01-15-rule, s. 2].\n",
                 [], id='marker-ok'),
    pytest.param('events/x.yaml', BODY + "  Ruled [@gazette-2020-01-15-rul].\n",
                 ["content/events/x.yaml:11:9: body: marker [@gazette-2020-01-15-rul] names a source this event does not cite: add it to its citations first (did you mean 'gazette-2020-01-15-rule'?)"],
                 id='marker-unknown'),
    pytest.param('events/x.yaml', BODY + "  Ruled [@gazette-2020-01-15-rule] and [@wire-2020-01-16-report].\n",
                 ["content/events/x.yaml:11:40: body: marker [@wire-2020-01-16-report] names a source this event does not cite: add it to its citations first; it cites gazette-2020-01-15-rule"],
                 id='marker-not-cited'),
    pytest.param('events/x.yaml', BODY + "  Ruled [@gazette-2020-01-15-rule].\n\n  Then [@Gazette].\n",
                 ["content/events/x.yaml:13:3: body: paragraph 2 has no citation marker: end its statements with [@source-id], naming a source this record cites",
                  "content/events/x.yaml:13:8: body: '@Gazette' is not a source id: use lower-case letters, digits and single hyphens, and a comma before a locator, as in [@source-id, p. 4]"],
                 id='marker-bad-id'),
    pytest.param('events/x.yaml', BODY + "  Ruled [@gazette-2020-01-15-rule.\n",
                 ["content/events/x.yaml:11:3: body: paragraph 1 has no citation marker: end its statements with [@source-id], naming a source this record cites",
                  "content/events/x.yaml:11:9: body: a citation marker opened with [@ is not closed with ]"],
                 id='marker-unclosed'),
    pytest.param('events/x.yaml', BODY + "  Ruled [@gazette-2020-01-15-rule, ].\n",
                 ["content/events/x.yaml:11:3: body: paragraph 1 has no citation marker: end its statements with [@source-id], naming a source this record cites",
                  "content/events/x.yaml:11:9: body: '@gazette-2020-01-15-rule,' has an empty locator: write [@source-id] or [@source-id, p. 4]"],
                 id='marker-empty-locator'),
    pytest.param('events/x.yaml', BODY + "  Ruled [@gazette-2020-01-15-rule].\n\n  Unsourced words.\n",
                 ["content/events/x.yaml:13:3: body: paragraph 2 has no citation marker: end its statements with [@source-id], naming a source this record cites"],
                 id='marker-unmarked'),
    pytest.param('events/x.yaml', EVENT + 'body: "Quoted and unsourced."\n',
                 ["content/events/x.yaml:10:8: body: paragraph 1 has no citation marker: end its statements with [@source-id], naming a source this record cites"],
                 id='marker-unmarked-quoted'),
    pytest.param('events/x.yaml', BODY + "  See [the rule](event:2020-01-15-widget-rul) [@gazette-2020-01-15-rule].\n",
                 ["content/events/x.yaml:11:7: body: link to unknown event '2020-01-15-widget-rul' (did you mean '2020-01-15-widget-rule'?)"],
                 id='link-unknown'),
    pytest.param('events/x.yaml', BODY + "  See [the page](https://example.org) [@gazette-2020-01-15-rule].\n",
                 ["content/events/x.yaml:11:7: body: links to web pages are not shown as links: cite the page as a source and write a marker, as in [@source-id]"],
                 id='link-web'),
    pytest.param('events/x.yaml', BODY + "  See [it](rule:x) [@gazette-2020-01-15-rule].\n",
                 ["content/events/x.yaml:11:7: body: 'rule:' is not a kind of record; write one of event:, claim:, topic:, term:, actor:, source:, guide:"],
                 id='link-kind'),
    pytest.param('events/x.yaml', EVENT.replace("title: A title", 'title: "TODO: a short, neutral title"'),
                 ["content/events/x.yaml:2:8: title: still holds the placeholder 'TODO: a short, neutral title' written by `new`: replace it with the real value"],
                 id='placeholder-title'),
    pytest.param('sources/s.yaml', SOURCE.replace("https://example.org/a", "https://TODO.invalid/the-page-you-read"),
                 ["content/sources/s.yaml:4:6: url: still holds the placeholder 'https://TODO.invalid/the-page-you-read' written by `new`: replace it with the real value"],
                 id='placeholder-url'),
    pytest.param('glossary/t.yaml', "id: t\nterm: T\ndefinition: A term.\ncitations:\n  - source: gazette-2020-01-15-rule\n",
                 ["content/glossary/t.yaml:3:13: definition: paragraph 1 has no citation marker: end its statements with [@source-id], naming a source this record cites"],
                 id='term-unmarked'),
    pytest.param('topics/t.yaml', "id: t\nname: T\ndescription: D.\nexplainer:\n  what: W [@gazette-2020-01-15-rule].\n  history: |\n    H [@wire-2020-01-16-report].\n  disputed: D [@gazette-2020-01-15-rule].\ncitations:\n  - source: gazette-2020-01-15-rule\n",
                 ["content/topics/t.yaml:7:7: explainer.history: marker [@wire-2020-01-16-report] names a source this topic does not cite: add it to its citations first; it cites gazette-2020-01-15-rule"],
                 id='explainer-not-cited'),
]


@pytest.mark.parametrize("path, data, expected", CASES + MARKER_CASES)
def test_bad_input(project, path, data, expected):
    target = project / "content" / path
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(data if isinstance(data, bytes) else data.encode())
    _, problems = check(project / "content", TODAY)
    assert [str(p) for p in problems if p.is_error] == expected


def test_corpus_is_large_enough():
    assert len(CASES) >= 60


def test_a_cited_source_no_marker_uses_is_a_warning(project):
    (project / "content" / "events" / "x.yaml").write_text(
        EVENT.replace("citations:\n", "citations:\n  - source: wire-2020-01-16-report\n")
        + "body: Ruled [@gazette-2020-01-15-rule].\n")
    _, problems = check(project / "content", TODAY)
    assert [str(p) for p in problems if not missing_translation(p)] == [
        "content/events/x.yaml:8:13: warning: citations[0].source: 'wire-2020-01-16-report' is cited, but no marker "
        "in the text uses it"]


def test_two_records_of_one_address_are_a_warning(project):
    (project / "content" / "sources" / "copy.yaml").write_text(
        SOURCE.replace("id: s", "id: copy").replace("https://example.org/a", "https://gazette.example.org/rules/widgets"))
    _, problems = check(project / "content", TODAY)
    assert [str(p) for p in problems if not missing_translation(p)] == [
        "content/sources/gazette-2020-01-15-rule.yaml:5:6: warning: url: source 'copy' already records this "
        "address: cite that one"]  # the second in file order is the one to fold into the first
