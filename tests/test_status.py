"""The editors' status page and report as the archive grows: bounded, nothing hidden."""

from __future__ import annotations

from pathlib import Path

from briefings.candidates import Candidate
from briefings.render import load_templates
from briefings.status import CANDIDATES_SHOWN, Status, render_status, status_text

REPO = Path(__file__).resolve().parent.parent


def _status(candidates: int) -> Status:
    return Status(("en",), (), (), (), (), tuple(
        Candidate(f"story-{i}", 1, (("en", f"slogan number {i}"),)) for i in range(candidates)))


def test_status_page_shows_the_first_candidates_and_says_where_the_rest_are():
    page = render_status(_status(CANDIDATES_SHOWN + 7), load_templates(REPO / "templates"),
                         "en").text
    assert f"## Candidate terms ({CANDIDATES_SHOWN + 7})" in page
    assert page.count("slogan number ") == CANDIDATES_SHOWN
    assert "7 more: `python build.py --report` lists them all." in page


def test_report_lists_every_candidate():
    text = status_text(_status(CANDIDATES_SHOWN + 7))
    assert f"Candidate terms ({CANDIDATES_SHOWN + 7})" in text
    assert text.count("en: slogan number ") == CANDIDATES_SHOWN + 7


def test_a_short_candidate_list_has_no_more_line():
    page = render_status(_status(3), load_templates(REPO / "templates"), "en").text
    assert page.count("slogan number ") == 3 and " more: " not in page
