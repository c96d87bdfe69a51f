"""The integration journal's rules: entries, sessions, prompts, the intention line and search."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapcompanion.domain import wording
from kapcompanion.domain.journal import (
    ANY_TIME,
    MAX_ENTRY_CHARS,
    PHASES,
    WAY_OUT,
    EntryHead,
    JournalEntry,
    JournalInputError,
    check_entry,
    check_entry_text,
    clean_text,
    day_words,
    days_since_session,
    edited,
    fold,
    group_by_session,
    group_heading,
    head_of,
    intention_line,
    matches,
    new_entry,
    phase_for,
    preview,
    prompt_by_id,
    prompts_for,
    search,
    search_terms,
    session_for,
)

BERLIN_SUMMER = timezone(timedelta(hours=2))
AT = datetime(2025, 3, 10, 21, 30, tzinfo=BERLIN_SUMMER)


def entry_at(when: datetime, text: str = "words", follows: date | None = None) -> JournalEntry:
    return JournalEntry(str(uuid.uuid4()), when, text, follows=follows)


# --- text ---------------------------------------------------------------------------------------


def test_control_characters_go_and_newlines_and_tabs_stay() -> None:
    raw = "\x00Slept\x07 badly.\r\nDreamt\tof water.\x1b[31m\rWoke\u2028early\x7f\x85end "
    assert clean_text(raw) == "Slept badly.\nDreamt\tof water.[31m\nWoke\nearly\nend"


def test_broken_halves_of_characters_are_dropped_and_emoji_kept() -> None:
    assert clean_text("a\ud800b 🌿 e\u0301") == "ab 🌿 e\u0301"


def test_an_entry_needs_words_and_has_a_limit_it_names() -> None:
    with pytest.raises(JournalInputError, match="no words to keep yet"):
        check_entry_text(" \n\t\x00 ")
    assert len(check_entry_text("x" * MAX_ENTRY_CHARS)) == MAX_ENTRY_CHARS
    with pytest.raises(JournalInputError) as info:
        check_entry_text("x" * (MAX_ENTRY_CHARS + 7))
    assert "20,000" in str(info.value) and "20,007" in str(info.value)
    with pytest.raises(JournalInputError, match="text"):
        check_entry_text(12)


def test_a_new_entry_follows_the_latest_session_on_or_before_its_day() -> None:
    sessions = [date(2025, 3, 1), date(2025, 3, 10), date(2025, 3, 20)]
    entry = new_entry("  A quiet evening.  ", written_at=AT, session_days=sessions, prompt_id="x")
    assert entry.follows == date(2025, 3, 10)
    assert entry.text == "A quiet evening."
    assert entry.prompt_id == "x" and entry.edited_at is None
    assert uuid.UUID(entry.uuid).version == 4
    assert entry.written_on == date(2025, 3, 10)
    assert (
        new_entry("before", written_at=AT - timedelta(days=30), session_days=sessions).follows
        is None
    )


def test_the_day_written_is_the_persons_own_calendar_day() -> None:
    late = datetime(2025, 3, 10, 23, 30, tzinfo=timezone(timedelta(hours=-5)))  # already 11th UTC
    assert new_entry("late", written_at=late, session_days=[date(2025, 3, 11)]).follows is None


def test_times_need_their_time_zone() -> None:
    with pytest.raises(JournalInputError, match="time zone"):
        new_entry("words", written_at=datetime(2025, 3, 10, 12, 0))
    entry = new_entry("words", written_at=AT)
    with pytest.raises(JournalInputError, match="time zone"):
        edited(entry, "new words", at=datetime(2025, 3, 11))


def test_an_edit_keeps_the_time_of_writing_and_notes_when() -> None:
    entry = new_entry("first words", written_at=AT)
    later = AT + timedelta(days=2)
    changed = edited(entry, " second words\x00 ", at=later)
    assert changed.text == "second words"
    assert changed.written_at == AT and changed.edited_at == later and changed.uuid == entry.uuid
    with pytest.raises(JournalInputError):
        edited(entry, "   ", at=later)


def test_check_entry_refuses_what_is_not_an_entry() -> None:
    good = new_entry("words", written_at=AT)
    with pytest.raises(JournalInputError, match="not an entry id"):
        check_entry(JournalEntry("nope", AT, "words"))
    with pytest.raises(JournalInputError, match="prompt"):
        check_entry(JournalEntry(good.uuid, AT, "words", prompt_id=""))
    assert check_entry(good) == good


# --- sessions -----------------------------------------------------------------------------------


def test_session_for_takes_the_most_recent_on_or_before() -> None:
    days = [date(2025, 3, 20), date(2025, 3, 1), date(2025, 3, 10)]
    assert session_for(date(2025, 3, 10), days) == date(2025, 3, 10)
    assert session_for(date(2025, 3, 15), days) == date(2025, 3, 10)
    assert session_for(date(2025, 2, 28), days) is None
    assert session_for(date(2025, 4, 1), days) == date(2025, 3, 20)
    assert session_for(date(2025, 4, 1), []) is None
    assert days_since_session(date(2025, 3, 13), days) == 3
    assert days_since_session(date(2025, 3, 10), days) == 0
    assert days_since_session(date(2025, 2, 1), days) is None


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    st.lists(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), max_size=12),
)
def test_session_for_agrees_with_its_definition(day: date, sessions: list[date]) -> None:
    earlier = [s for s in sessions if s <= day]
    assert session_for(day, sessions) == (max(earlier) if earlier else None)


def test_entries_are_grouped_by_session_newest_first() -> None:
    s1, s2 = date(2025, 3, 1), date(2025, 3, 10)
    old = entry_at(datetime(2025, 2, 20, 9, tzinfo=UTC), "before any", None)
    a = entry_at(datetime(2025, 3, 2, 9, tzinfo=UTC), "a", s1)
    b = entry_at(datetime(2025, 3, 5, 9, tzinfo=UTC), "b", s1)
    c = entry_at(datetime(2025, 3, 11, 9, tzinfo=UTC), "c", s2)
    groups = group_by_session([a, old, c, b])
    assert [g.session for g in groups] == [s2, s1, None]
    assert [[e.text for e in g.entries] for g in groups] == [["c"], ["b", "a"], ["before any"]]
    # A session noted later moves what was written after it.
    regrouped = group_by_session([a, old, c, b], [s1, s2, date(2025, 3, 4), date(2025, 2, 1)])
    assert [(g.session, [e.text for e in g.entries]) for g in regrouped] == [
        (s2, ["c"]),
        (date(2025, 3, 4), ["b"]),
        (s1, ["a"]),
        (date(2025, 2, 1), ["before any"]),
    ]
    assert group_by_session([]) == []


def test_heads_group_like_entries() -> None:
    entry = new_entry("One line\nand another " + "x" * 300, written_at=AT, session_days=[AT.date()])
    head = head_of(entry)
    assert isinstance(head, EntryHead)
    assert head.preview.startswith("One line and another") and head.preview.endswith("…")
    assert len(head.preview) == 120 and head.length == len(entry.text)
    (group,) = group_by_session([head])
    assert group.session == AT.date() and group.entries == (head,)


def test_group_headings_name_the_session_in_words() -> None:
    assert group_heading(date(2025, 3, 3), any_sessions=True) == "After the session of 3 March 2025"
    assert group_heading(None, any_sessions=True) == "Before the first session noted"
    assert group_heading(None, any_sessions=False) == "Your entries"
    assert day_words(date(2024, 12, 25)) == "25 December 2024"


def test_an_id_chosen_before_writing_is_kept() -> None:
    chosen = str(uuid.uuid4())
    assert new_entry("words", written_at=AT, entry_uuid=chosen).uuid == chosen
    with pytest.raises(JournalInputError, match="not an entry id"):
        new_entry("words", written_at=AT, entry_uuid="draft-1")


# --- prompts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "phase"),
    [
        (0, "first-day"),
        (1, "first-day"),
        (2, "day-three"),
        (3, "day-three"),
        (4, "day-three"),
        (5, "first-week"),
        (7, "first-week"),
        (10, "first-week"),
        (11, "second-week"),
        (14, "second-week"),
        (20, "second-week"),
        (21, "month"),
        (30, "month"),
        (400, "month"),
        (None, "any-time"),
        (-3, "any-time"),
    ],
)
def test_the_prompts_follow_the_days_since_a_session(days: int | None, phase: str) -> None:
    assert phase_for(days).key == phase
    assert prompts_for(days) == phase_for(days).prompts


def test_the_phases_cover_every_day_once() -> None:
    for day in range(0, 200):
        assert sum(p.holds(day) for p in PHASES) == 1, day


def test_each_phase_offers_four_to_six_prompts_ending_with_a_way_out() -> None:
    for phase in (*PHASES, ANY_TIME):
        assert 4 <= len(phase.prompts) <= 6, phase.key
        assert phase.prompts[-1] is WAY_OUT
    assert "stop" in WAY_OUT.text and "feet" in WAY_OUT.text


def test_the_prompts_turn_to_body_sleep_people_self_talk_direction_and_a_choice() -> None:
    themes = {p.theme for phase in PHASES for p in phase.prompts}
    assert {"body", "sleep", "relating", "self-talk", "pointed", "choice", "way-out"} <= themes
    # From noticing, through what the session pointed toward, to one small choice.
    assert "choice" not in {p.theme for p in PHASES[0].prompts}
    assert "choice" in {p.theme for p in PHASES[-1].prompts}
    assert "body" in {p.theme for p in PHASES[0].prompts}


def test_prompt_ids_are_unique_and_found() -> None:
    prompts = {p.id: p for phase in (*PHASES, ANY_TIME) for p in phase.prompts}
    every = [p for phase in (*PHASES, ANY_TIME) for p in phase.prompts if p is not WAY_OUT]
    assert len({p.id for p in every}) == len(every)
    for pid, prompt in prompts.items():
        assert prompt_by_id(pid) is prompt
    assert prompt_by_id("gone") is None and prompt_by_id(None) is None


def all_prompt_texts() -> list[str]:
    return sorted({p.text for phase in (*PHASES, ANY_TIME) for p in phase.prompts})


@pytest.mark.parametrize("text", all_prompt_texts())
def test_prompts_are_short_gentle_invitations(text: str) -> None:
    assert len(wording.words(text)) <= wording.MAX_STEP_WORDS
    for sentence in wording.sentences(text):
        assert len(wording.words(sentence)) <= wording.MAX_SENTENCE_WORDS, sentence
        assert len(wording.hedges(sentence)) <= 1, sentence
    assert not wording.CLAIMS.search(text)
    assert not wording.SAFETY_PROMISES.search(text)
    assert not wording.BIG_BREATHS.search(text)
    assert not re.search(r"\b(should|must|streak|missed|every day|homework)\b", text, re.I)
    if wording.sensitive_regions(text):
        assert wording.offers_anchor(text), text


# --- the intention ------------------------------------------------------------------------------


def test_the_intention_is_quoted_back_gently() -> None:
    assert (
        intention_line("to be  kinder\n to myself ") == "You came in with: “to be kinder to myself”"
    )
    assert intention_line("  \x00 ") == ""
    long = intention_line("word " * 100)
    assert long.endswith("…”") and len(long) < 230


# --- search -------------------------------------------------------------------------------------


def test_folding_drops_case_and_accents() -> None:
    assert fold("Café CRÈME") == "cafe creme"
    assert fold("Straße") == "strasse"
    assert fold("Søren Łódź Æble") == "soren lodz aeble"
    assert fold("ﬁne") == "fine"  # the ligature
    assert search_terms("  Café  café cafe ") == ["cafe"]
    assert search_terms("") == []


def test_search_needs_every_word_and_lists_newest_first() -> None:
    a = entry_at(AT, "Walked by the sea. Felt the café's warmth.")
    b = entry_at(AT + timedelta(days=1), "Sea again, CAFE closed")
    c = entry_at(AT + timedelta(days=2), "Nothing much")
    assert search([a, b, c], "cafe") == [b, a]
    assert search([a, b, c], "SEA café") == [b, a]
    assert search([a, b, c], "sea warmth") == [a]
    assert search([a, b, c], "mountain") == []
    assert search([a, b, c], "   ") == [c, b, a]
    assert matches("Über", ["uber"]) and not matches("Uber", ["uber", "x"])


def test_preview_is_one_line() -> None:
    assert preview("a\n\nb\tc") == "a b c"
    assert preview("word " * 50, limit=20) == "word word word word…"
