"""Reading the setup forms into typed plans: the shape of the text is checked, with messages a person can act on."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from starlette.datastructures import FormData

from forum.errors import InvalidInput
from forum.services.setup.event_setup import Caps, ProjectPlan, TableArea
from forum.web.organizer import setup_forms

DAY = {"days": "2026-03-25, 2026-03-24 2026-03-24", "start": "9h00", "end": "12:00", "minutes": " 30 ",
       "breaks": "10:00-10:30; 13:00 - 14:00"}


def form(**fields: str) -> FormData:
    return FormData(list(fields.items()))


def test_slot_plan_reads_days_times_and_breaks() -> None:
    plan = setup_forms.slot_plan(form(**DAY))
    assert plan.days == (date(2026, 3, 24), date(2026, 3, 25)) and (plan.start, plan.end) == (time(9), time(12))
    assert plan.minutes == 30 and plan.breaks == ((time(10), time(10, 30)), (time(13), time(14)))


@pytest.mark.parametrize(("name", "value", "message"), [
    ("days", "tomorrow", "days must be dates like 2026-03-24, got 'tomorrow'"), ("days", "", "days must be dates"),
    ("start", "9am", "start must be a time like 09:00"), ("end", "25:00", "end must be a time"),
    ("minutes", "lots", "slot length must be a whole number"), ("breaks", "13:00", "breaks look like 13:00-14:00"),
    ("breaks", "13:00-2pm", "break end must be a time"),
])
def test_slot_plan_bad_text_is_refused(name: str, value: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        setup_forms.slot_plan(form(**{**DAY, name: value}))


def test_table_areas_read_lines_and_skip_blank_ones() -> None:
    assert setup_forms.table_areas("Hall A: 2\n\n  Hall: B : 1 \n") == [TableArea("Hall A", 2), TableArea("Hall: B", 1)]


@pytest.mark.parametrize(("text", "message"), [
    ("Hall A twenty", "line 1: write tables as 'area: count'"), (": 3", "line 1: write tables as"),
    ("Hall A: 2\nHall B: lots", "line 2: table count must be a whole number"),
])
def test_table_areas_bad_lines_are_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        setup_forms.table_areas(text)


def test_pitch_plan_reads_the_session() -> None:
    plan = setup_forms.pitch_plan(form(id="copro", name="Co-pro", room="", day="2026-03-25", start="14:00",
                                       count="3", minutes="15", panel="a1, a2;a1", projects="Nord | a3 a4\n\n"))
    assert (plan.ident, plan.start, plan.count, plan.minutes) == ("copro", datetime(2026, 3, 25, 14), 3, 15)
    assert plan.panel == ("a1", "a2", "a1") and plan.projects == (ProjectPlan("Nord", ("a3", "a4")),)


@pytest.mark.parametrize(("name", "value", "message"), [
    ("projects", "Nord a3", "project line 1: write 'Title | presenter ids'"),
    ("projects", " | a3", "project line 1"), ("count", "three", "pitch count must be a whole number"),
    ("day", "someday", "days must be dates"),
])
def test_pitch_plan_bad_text_is_refused(name: str, value: str, message: str) -> None:
    fields = {"id": "cp", "day": "2026-03-25", "start": "14:00", "count": "2", "minutes": "15", "panel": "a1"}
    with pytest.raises(InvalidInput, match=message):
        setup_forms.pitch_plan(form(**{**fields, name: value}))


def test_caps_empty_field_is_no_cap() -> None:
    assert setup_forms.caps_of(form(max_meetings="5", max_per_day=" ")) == Caps(5, None)
    with pytest.raises(InvalidInput, match="meetings in all must be a whole number"):
        setup_forms.caps_of(form(max_meetings="many"))
