"""Every sentence the domain makes for a person goes through the translation module.

In the pseudo-language of the tests each translated sentence comes back inside ⟦ ⟧, so a word
left outside the marks is one no translation reached. The person's own words (a title they
wrote, a name they typed) and ids kept as they are (keys of a script file) are passed as
``allowed``. One test per family of modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from kapcompanion.domain import (
    body_map,
    body_regions,
    contacts,
    crisis,
    cues,
    exercise_info,
    feelings,
    help,
    history_text,
    integration,
    journal,
    journal_prompts,
    journal_share,
    last_practice,
    pacing,
    practice,
    present_status,
    reminders,
    situations,
    summary,
    take_home,
    together,
    words,
)
from kapcompanion.domain.breath_words import (
    ANCHOR_LINE,
    BreathDisplay,
    about_text,
    phase_text,
    time_left_text,
)
from kapcompanion.domain.breathing_config import BreathingConfig, check_minutes
from kapcompanion.domain.practice import Status, StepTime
from kapcompanion.domain.practice_history import ratings_per_day
from kapcompanion.domain.run_state import RunStatus
from kapcompanion.domain.scripts import Moment
from kapcompanion.i18n import _
from tests.helpers.practices import RECORDS, SESSIONS, TODAY, ZONE
from tests.helpers.practices import practice as record
from tests.helpers.pseudo import untranslated
from tests.helpers.pseudo_parts import speak_pseudo_parts

NOW = datetime(2026, 3, 18, 9, 30, tzinfo=ZONE)


@pytest.fixture(autouse=True)
def pseudo() -> Iterator[None]:
    """Speak the pseudo-language, its words marked apart from what fills its placeholders
    (the suite's fixture speaks English again afterwards)."""
    speak_pseudo_parts()
    yield


def marked(texts: str | Iterable[str], allowed: Iterable[str] = ()) -> None:
    """Each text says something, and every word of it went through a translation."""
    allowed = list(allowed)
    for text in [texts] if isinstance(texts, str) else list(texts):
        assert text.strip(), "an empty sentence"
        assert untranslated(text, allowed) == [], text


def raised(
    error: type[Exception], call: Callable[..., object], *args: object, **kwargs: object
) -> str:
    with pytest.raises(error) as info:
        call(*args, **kwargs)
    return str(info.value)


def test_dates_lengths_counts_and_outcomes():
    day = date(2026, 3, 18)
    marked([words.long_date(day), words.short_date(day), words.weekday_name(day)])
    marked([words.weekday_short(day), words.month_name(day), words.month_short(day)])
    marked([words.minutes_text(m) for m in (0, 4.6, 89, 125)])
    marked([words.practice_length(s, short=short) for s in (9, 600) for short in (False, True)])
    marked([words.relative_day(day - timedelta(days=n), day) for n in (-3, -1, 0, 1, 5)])
    marked([words.outcome_text(status) for status in Status])
    marked(words.joined([words.weekday_name(day), words.weekday_name(day + timedelta(1))]))
    marked(words.joined([words.weekday_name(day + timedelta(n)) for n in range(3)]))


def test_the_history_and_the_summary():
    titles = {"five-senses": "Five senses", "body-scan-3": "Body scan"}
    own = ["Five", "senses", "Body", "scan", "Warm", "hands", "See", "blue", "sky", "calm"]
    marked([history_text.week_line([]), history_text.week_line([TODAY, TODAY - timedelta(2)])])
    marked([history_text.list_day(TODAY, TODAY), history_text.list_day(date(2025, 1, 6), TODAY)])
    kept = record(TODAY, 5, before=4, after=None, note="Warm hands.", status=Status.STOPPED)
    kept = kept.__class__(
        **{
            **kept.__dict__,
            "intention": "calm",
            "answers": {"see": ("blue sky",)},
            "steps": (StepTime("step-1", 0, 10), StepTime("step-2", 10, 20)),
        }
    )
    for r in [*RECORDS, kept]:
        marked([history_text.list_length(r), history_text.list_tooltip(r)], own)
        marked([history_text.detail_title(r, titles), history_text.detail_text(r)], own)
        marked(history_text.delete_question(r, titles), own)
    per_day = {r.local_date: r.practised_s / 60 for r in RECORDS}
    marked(history_text.period_text(len(RECORDS), per_day, ratings_per_day(RECORDS)))
    marked(history_text.period_text(1, {TODAY: 0.5}, []))
    marked(history_text.saved_text(3, Path("log.csv")), ["log", "csv"])
    marked([history_text.imported_text(1, 1, 1), history_text.imported_text(4, 2, 0)])
    marked(history_text.deleted_all_text(2))

    s = summary.summarize(RECORDS, SESSIONS, titles=titles, today=TODAY)
    marked([summary.title_text(s), summary.period_text(s), summary.rating_change_text(s)])
    for figure in summary.figures(s):
        marked([figure.label, figure.detail], own)
    marked([summary.after_session_text(line) for line in s.sessions])
    empty = summary.summarize([], [], TODAY, TODAY, titles={})
    marked([summary.kinds_text(empty), summary.rating_change_text(empty)])


def test_breathing_words_patterns_and_presented_status():
    for pattern in pacing.PRESETS.values():
        marked([pattern.name, pattern.description, pattern.summary()])
        marked([phase.label for phase in pattern.phases])
    display = BreathDisplay(words=True, numbers=True)
    timeline = pacing.PacerTimeline(pacing.PRESETS["box"], 60)
    marked([phase_text(timeline.state_at(t), display) for t in (0, 5, 9, 13)])
    marked([_(ANCHOR_LINE), time_left_text(272.2, display)])
    marked([about_text(p, display) for p in pacing.PRESETS.values()])
    marked(together.shape(6).name)
    config = BreathingConfig(pacing.PRESETS["gentle-settle"])
    status = present_status.breathing_status(
        config, timeline.state_at(1), RunStatus.RUNNING, ended=False
    )
    marked([status.title, status.position, status.now, status.time_left])
    marked(last_practice.LastBreathing("resonance", 5).describe())
    for bad in ("five", 0, float("nan"), True):
        marked(raised(pacing.PatternError, check_minutes, bad), ["minutes", "five", "nan", "true"])
    keys = ["pattern", "resonance", "longer", "exhale", "gentle", "settle", "cyclic", "sigh", "box"]
    marked(raised(pacing.PatternError, pacing.find_pattern, "x", allow_holds=False), keys)
    marked(
        raised(pacing.PatternError, pacing.find_pattern, "box", allow_holds=False),
        ["pattern", "box"],
    )
    marked(
        raised(
            pacing.PatternError, pacing.BreathPattern.from_seconds, "k", "n", inhale=0.1, exhale=3
        ),
        ["inhale"],
    )


def test_home_choices_feelings_moments_and_exercise_lengths():
    for s in situations.SITUATIONS:
        marked([s.title, s.line])
    for entry in feelings.FEELINGS:
        marked([entry.title, entry.sentence])
    for moment in Moment:
        marked([moment.label, exercise_info.moment_heading(moment)])
        marked(exercise_info.moment_note(moment))
    marked([exercise_info.length_label(m) for m in (0.2, 3, 10.4)])
    marked([exercise_info.time_left_words(s) for s in (0, 30, 250)])
    marked(exercise_info.step_progress(3, 9, 250))


def test_the_body_map():
    for region in body_regions.REGIONS:
        marked(region.name)
    for sensation in body_map.Sensation:
        marked([sensation.label, body_map.sensation_words(sensation.value)])
    sitting = body_map.Sitting()
    sitting.set_intensity("chest", 3)
    marked(sitting.describe("chest"))
    sitting.choose("chest", at=NOW, sensation="warmth")
    sitting.choose("hand-left", at=NOW, own_word="fizzy")
    marked([sitting.describe("chest"), sitting.describe("hand-left")], ["fizzy"])
    marked(
        [s.words() for s in body_map.summarise(sitting.marks(), TODAY, TODAY).values()], ["fizzy"]
    )
    marked(raised(body_map.BodyMapInputError, body_regions.region, "tail"), ["tail"])
    marked(raised(body_map.BodyMapInputError, body_map.check_intensity, 11))
    marked(raised(body_map.BodyMapInputError, body_map.check_intensity, "x"))
    marked(raised(body_map.BodyMapInputError, body_map.spans_around, TODAY, 0))
    marked(
        raised(body_map.BodyMapInputError, body_map.new_mark, "chest", at=NOW, sensation="fizz"),
        ["fizz"],
    )
    marked(
        raised(body_map.BodyMapInputError, body_map.new_mark, "chest", at=NOW, own_word="x" * 41)
    )
    # What an answer keeps is the same in every language, so it reads back in any of them.
    marks = [sitting.choose("belly", at=NOW, sensation="ache")]
    assert body_map.answer_text(marks) == "Belly, ache"


def test_the_journal_its_prompts_and_what_is_shared():
    for phase in (*journal_prompts.PHASES, journal_prompts.ANY_TIME):
        marked(phase.title)
        marked([p.text for p in phase.prompts])
    marked([journal.group_heading(TODAY, any_sessions=True), journal.day_words(TODAY)])
    marked([journal.group_heading(None, any_sessions=a) for a in (True, False)])
    marked(journal.intention_line("to rest"), ["to", "rest"])
    marked(raised(journal.JournalInputError, journal.check_entry_text, ""))
    marked(raised(journal.JournalInputError, journal.check_entry_text, 3), ["int"])
    marked(raised(journal.JournalInputError, journal.check_entry_text, "x" * 30_000))
    marked(raised(journal.JournalInputError, journal.check_uuid, "nope"), ["nope"])
    marked(
        raised(
            journal.JournalInputError, journal.new_entry, "words", written_at=datetime(2026, 1, 1)
        )
    )
    entry = journal.new_entry("Quiet.", written_at=NOW, session_days=[TODAY - timedelta(3)])
    same_day = journal.new_entry("Quiet.", written_at=NOW, session_days=[TODAY])
    one_day = journal.new_entry("Quiet.", written_at=NOW, session_days=[TODAY - timedelta(1)])
    marked([journal_share.entry_heading(e) for e in (entry, same_day, one_day)])
    picture = journal_share.BodyPicture(TODAY, TODAY)
    marked([picture.heading(), *picture.lines()])
    marked(journal_share.Shared(intention="to rest").intention_text(), ["to", "rest"])
    marked(
        [
            _(journal_share.SHARED_TITLE),
            _(journal_share.SHARED_INTRO),
            _(journal_share.INTENTION_HEADING),
            _(journal_share.ENTRIES_HEADING),
        ]
    )


def test_help_crisis_lists_contacts_cues_and_the_take_home_card():
    line = crisis.CrisisLine(
        "Line", "116 123", "24 hours", "https://x.org", "peer-support", checked_on=TODAY
    )
    region = crisis.CrisisRegion(
        "gb",
        "UK",
        "999",
        (line,),
        checked_on=TODAY,
        emergency_source="https://x.org",
        emergency_checked_on=TODAY,
    )
    own = contacts.make_contact(1, "therapist", "Sam", "0700", "weekdays")
    names = ["Line", "hours", "UK", "Sam", "weekdays", "https", "org"]
    marked(help.sheet_text(help.help_sheet([own], region)), names)
    marked(help.sheet_text(help.help_sheet([], None)))
    marked([region.dated(), region.emergency_line(), line.kind_label()], names)
    edited = crisis.CrisisRegion("gb", "UK", "", edited=True, checked_on=TODAY)
    marked([edited.dated(), edited.emergency_line(), crisis.other_region().name], names)
    marked([_(crisis.EMERGENCY_ADVICE), _(crisis.NOT_COMPLETE)])
    for kind in crisis.KINDS:
        marked(_(crisis.KIND_LABELS[kind]))
    problems = [
        ('region = "gb"\nname = "UK"\nline = 3\n', ["gb", "UK", "line"]),
        ('region = "Gb"\nname = "UK"\n', ["Gb"]),
        ('region = "gb"\n', ["name"]),
        ('region = "gb"\nname = "UK"\nterritories = ["G"]\n', ["territories"]),
        ('region = "gb"\nname = "UK"\ncolour = 1\n', ["colour", "checked", "on", "emergency"]),
        # The TOML reader's own words are quoted as it gives them.
        ("region = ", ["invalid", "value", "at", "end", "of", "document"]),
    ]
    allowed = ["f", "toml", "region", "name", "territories", "line", "known", "kind"]
    for text, extra in problems:
        marked(raised(crisis.CrisisError, crisis.parse_region, text, "f.toml"), allowed + extra)
    marked(
        raised(crisis.CrisisError, crisis.edited_region, region, "", [("", "1", "")], TODAY),
        ["UK"],
    )
    marked([role.label for role in contacts.Role])
    marked(
        raised(contacts.ContactError, contacts.make_contact, 1, "boss", "A", "1", ""),
        ["clinic", "therapist", "trusted", "boss"],
    )
    marked(raised(contacts.ContactError, contacts.make_contact, 2, "clinic", "", "1", ""))
    marked(raised(contacts.ContactError, contacts.make_contact, 2, "clinic", "A", "", ""))
    for cue in cues.BUILT_IN_CUES:
        marked([cue.name, cue.words])
    mine = cues.own_cue("Notice the chair.")
    assert mine is not None and mine.words == "Notice the chair."  # the therapist's own, as typed

    card = take_home.TakeHome(TODAY, "soft", "rest", ("Orienting",))
    marked(take_home.card_text(card), ["soft", "rest", "Orienting"])
    for heading, lines in take_home.sections(card):
        marked([heading] if heading else [], [])
        marked(lines, ["soft", "rest", "Orienting"])


def test_practice_records_integration_and_reminders():
    for call, args in (
        (practice.check_rating, ("rating_before", 11)),
        (practice.check_seconds, ("planned_s", -1)),
        (practice.check_text, ("note", "7" * 9000)),
        (practice.check_ref, ("",)),
        (practice.check_kind, ("walk",)),
        (practice.check_answers, ({"Bad Key": ("x",)},)),
        (practice.check_steps, ("steps",)),
        (integration.check_window_days, (0,)),
    ):
        text = raised(practice.PracticeInputError, call, *args)
        field = text.split("⟦")[0].strip()
        marked(text, [*field.split("_"), "walk", "breathing", "exercise", "Bad", "Key", "steps"])
    window = integration.integration_window([TODAY - timedelta(2)], TODAY)
    marked(
        [integration.suggestion_text(window, False) or "", integration.session_line(window, True)]
    )
    for days in (0, 1, 9):
        w = integration.integration_window([TODAY - timedelta(days)], TODAY)
        marked(integration.session_line(w, days == 9))
    plan = reminders.ReminderPlan(reminders.ReminderMode.AFTER_SESSIONS, time(19))
    now = datetime(2026, 3, 18, 8, 0)
    for sessions in ([], [TODAY - timedelta(1)]):
        reminder = reminders.next_reminder(plan, now, sessions)
        assert reminder is not None
        marked([reminder.title, reminder.text])
    marked(
        raised(reminders.ReminderError, reminders.parse_time, "7pm", "daily_at"),
        ["daily", "at", "pm"],
    )


def test_a_presented_exercise_says_where_it_is():
    from kapcompanion.domain.script_check import parse_script

    exercise = parse_script(
        'id = "x"\ntitle = "Mine"\ndescription = "Mine."\nfor = "any-time"\nminutes = 1\n'
        '[[step]]\ntext = "One."\nseconds = 20\n[[step]]\ntext = "Two."\nseconds = 20\n'
    )
    status = present_status.exercise_status(exercise, None, ended=False)
    marked([status.position, status.next, status.time_left], ["Two"])
    marked(_(present_status.LAST_STEP))
