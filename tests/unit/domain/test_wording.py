"""Wording checks: every rule warns on a small script written here, stays quiet on its fixed
version, and the shipped library produces no warnings at all."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from kapcompanion.domain import wording as w
from kapcompanion.domain.script_check import parse_script
from kapcompanion.domain.scripts import Exercise
from kapcompanion.domain.wording import Rule, WordingWarning, check_wording
from kapcompanion.storage.library import load_builtin


def step(text: str, seconds: float | None = 20, extra: str = "") -> str:
    timing = "until_continue = true" if seconds is None else f"seconds = {seconds:g}"
    return f"[[step]]\ntext = {json.dumps(text)}\n{timing}\n{extra}\n"


def script(
    *steps: str,
    moments: Iterable[str] = ("any-time",),
    title: str = "A small practice",
    description: str = "A few steps.",
) -> Exercise:
    head = (
        f'id = "small"\ntitle = {json.dumps(title)}\ndescription = {json.dumps(description)}\n'
        f"for = {json.dumps(list(moments))}\nminutes = 1\n\n"
    )
    return parse_script(head + "\n".join(steps))


def rules(exercise: Exercise) -> list[tuple[Rule, int | None]]:
    return [(found.rule, found.step) for found in check_wording(exercise)]


RATING = '[step.input]\ntype = "rating"\nkey = "{key}"\nlow = "not at all"\nhigh = "very"\n'


# --- the shipped library ------------------------------------------------------------------------

BUILT_IN = load_builtin()[0]


@pytest.mark.parametrize("exercise", BUILT_IN, ids=[e.id for e in BUILT_IN])
def test_every_shipped_script_produces_no_warnings(exercise: Exercise) -> None:
    assert [str(found) for found in check_wording(exercise)] == []


def test_every_shipped_practice_over_three_minutes_says_what_to_do_if_it_gets_big() -> None:
    long = [e for e in BUILT_IN if e.planned_seconds > w.BIG_FEELINGS_AFTER_S]
    assert len(long) >= 10
    assert all(w.has_big_feelings_route(e) for e in long)


# --- counting words and time --------------------------------------------------------------------


def test_words_and_reading_time() -> None:
    assert w.words("You're here: 5-4-3-2-1, slowly…") == ["You're", "here", "5-4-3-2-1", "slowly"]
    assert w.reading_seconds("one two three") == pytest.approx(
        3 * w.READING_S_PER_WORD + w.SETTLE_S
    )
    assert w.reading_seconds("") == w.SETTLE_S
    assert w.sentences("The hands: palms. Perhaps warmth? Or not… Fine") == [
        "The hands: palms.",
        "Perhaps warmth?",
        "Or not…",
        "Fine",
    ]


# --- (i) reading time ---------------------------------------------------------------------------

TWENTY = " ".join(["word"] * 19) + " end."  # 20 words: 8 s of reading plus 5 s to settle


def test_a_timed_step_shorter_than_its_reading_time_warns() -> None:
    needed = 20 * w.READING_S_PER_WORD + w.SETTLE_S
    ex = script(step("Welcome.", 10), step(TWENTY, needed - 1))
    assert rules(ex) == [(Rule.READING_TIME, 1)]
    (found,) = check_wording(ex)
    assert found.where == "step[2]"
    assert "20 words" in found.message and f"{needed:.0f} s" in found.message
    assert "until_continue" in found.message
    assert str(found).startswith("step[2]: 20 words") and str(found).endswith("(reading-time)")


def test_enough_time_or_waiting_for_continue_is_fine() -> None:
    needed = 20 * w.READING_S_PER_WORD + w.SETTLE_S
    assert rules(script(step(TWENTY, needed))) == []
    assert rules(script(step(TWENTY, None))) == []
    # A breathing segment gives the text as long as the breathing lasts.
    breathing = 'breathing = { preset = "gentle-settle", seconds = 16 }'
    assert rules(script(f"[[step]]\ntext = {json.dumps(TWENTY)}\n{breathing}\n")) == []


def test_the_old_forty_one_word_step_shown_for_twenty_seconds() -> None:
    old = (
        "If it feels okay, you might follow the shape with easy breaths, a little in and a "
        "slightly longer way out. If the breath feels like too much to focus on, your hands "
        "or your seat can be the anchor instead."
    )
    assert len(w.words(old)) == 41
    assert (Rule.READING_TIME, 0) in rules(script(step(old, 20)))


# --- (ii) sensitive regions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The belly.",
        "The BELLIES and the Chests.",
        "The pelvis and the base of the body.",
        "The jaw and the mouth.",
        "Around the eyes, the forehead.",
        "The front of the throat.",
        "The hips, resting.",
        "The chest and the hands.",  # an anchor named, but not offered as a way back
    ],
)
def test_a_sensitive_region_without_an_anchor_offer_warns(text: str) -> None:
    ex = script(step("Welcome, your feet are there instead.", 20), step(text, 20))
    assert rules(ex) == [(Rule.SENSITIVE_REGION, 1)]
    (found,) = check_wording(ex)
    assert "your hands instead" in found.message


def test_the_message_names_the_regions() -> None:
    (found,) = check_wording(script(step("The face, the jaw and the ribs.", 20)))
    assert "(chest, jaw, face)" in found.message


@pytest.mark.parametrize(
    "text",
    [
        "The belly. Or your hands instead, if that's easier.",
        "The chest and the ribs, or you can go back to your feet.",
        "The neck. If that's not a good place, come back to the floor.",
        "The face. You're welcome to skip this and feel the chair.",
        "Your eyes can close, or stay open and rest on the floor.",
        "You might open your eyes and look around the room.",
        "Your eyes can open at any time.",
    ],
)
def test_a_sensitive_region_with_an_anchor_offer_in_the_same_step_is_fine(text: str) -> None:
    assert rules(script(step(text, 20))) == []


def test_the_offer_has_to_be_in_the_same_step() -> None:
    ex = script(step("The belly.", 20), step("Or your hands instead.", 20))
    assert rules(ex) == [(Rule.SENSITIVE_REGION, 0)]


def test_words_that_only_contain_a_region_are_not_regions() -> None:
    assert w.sensitive_regions("The surface, the ceiling, a lipstick, the chestnut tree.") == []
    assert w.sensitive_regions("Eye-level, hip-height.") == ["pelvis", "eyes"]


# --- (iii) if it gets big -----------------------------------------------------------------------

LONG = [step(f"Part {n}, quiet.", 60) for n in range(4)]  # four minutes


def test_a_practice_over_three_minutes_without_a_route_for_big_feelings_warns() -> None:
    ex = script(*LONG)
    assert rules(ex) == [(Rule.BIG_FEELINGS, None)]
    (found,) = check_wording(ex)
    assert found.where == "" and str(found).startswith("a practice of about 4 minutes")


@pytest.mark.parametrize(
    "route",
    [
        "If it gets too much, you can stop at any time.",
        "If feelings get big, you might open your eyes and look around.",
        "If anything feels overwhelming, your feet on the floor are there.",
        "Strong emotions may come. You can pause whenever you like.",
    ],
)
def test_a_step_naming_big_feelings_and_what_to_do_is_a_route(route: str) -> None:
    assert rules(script(*LONG, step(route, 20))) == []


@pytest.mark.parametrize(
    "not_a_route",
    [
        "Big feelings may come.",  # nothing to do
        "Open your eyes and feel your feet.",  # nothing about big feelings
        "Big decisions can wait.",
    ],
)
def test_naming_only_one_half_is_not_a_route(not_a_route: str) -> None:
    assert (Rule.BIG_FEELINGS, None) in rules(script(*LONG, step(not_a_route, 20)))


def test_three_minutes_or_less_needs_no_route() -> None:
    assert rules(script(*LONG[:3])) == []  # exactly 180 s


# --- (iv) ratings and answers -------------------------------------------------------------------


def test_more_than_one_rating_warns_at_each_extra_one() -> None:
    ex = script(
        step("How settled do you feel?", None, RATING.format(key="a")),
        step("Welcome back.", 10),
        step("How settled now?", None, RATING.format(key="b")),
        step("And now?", None, RATING.format(key="c")),
    )
    assert rules(ex) == [(Rule.RATINGS, 2), (Rule.RATINGS, 3)]


def test_one_rating_is_fine_but_not_around_a_session() -> None:
    rating = step("How are you today?", None, RATING.format(key="today"))
    assert rules(script(rating)) == []
    assert rules(script(rating, moments=["before-dosing"])) == [(Rule.RATING_AROUND_SESSION, 0)]
    (found,) = check_wording(script(rating, moments=["session-close", "any-time"]))
    assert "session-close practice" in found.message


def test_a_timed_step_that_asks_for_an_answer_warns() -> None:
    text_input = '[step.input]\ntype = "text"\nkey = "words"\n'
    assert rules(script(step("A few words.", 20, text_input))) == [(Rule.ANSWER_TIME, 0)]
    assert rules(script(step("A few words.", None, text_input))) == []


# --- (iv) sentences, steps and hedges -----------------------------------------------------------


def test_a_sentence_over_twenty_words_warns() -> None:
    long = " ".join(["word"] * 20) + " more."
    ex = script(step(long, None))
    assert rules(ex) == [(Rule.LONG_SENTENCE, 0)]
    assert "21 words ('word word word word word word…')" in check_wording(ex)[0].message
    assert rules(script(step(TWENTY, None))) == []


def test_a_step_over_the_word_limit_warns() -> None:
    short = "A short sentence of six words."
    text = " ".join([short] * 6)  # 36 words in sentences of six
    assert rules(script(step(text, None))) == [(Rule.LONG_STEP, 0)]
    assert rules(script(step(" ".join([short] * 5), None))) == []


def test_stacked_hedges_warn() -> None:
    old = (
        "When you're ready, and only if you want to, you might find a few first words for "
        "what you experienced."
    )
    ex = script(step(old, None))
    assert rules(ex) == [(Rule.HEDGES, 0)]
    assert "3 hedges in one sentence (when you're ready, only if, you might)" in str(
        check_wording(ex)[0]
    )
    assert w.hedges("If you’d like, perhaps a word.") == ["if you’d like", "perhaps"]


def test_one_hedge_a_sentence_is_fine() -> None:
    fine = "A few first words, if any come. You might write one word or an image."
    assert rules(script(step(fine, None))) == []


# --- (iv) sinking, safety, breaths, claims ------------------------------------------------------


def test_a_cue_to_sink_without_a_way_up_warns() -> None:
    old = "Perhaps a sense of heaviness, as if gravity is doing some of the work for you."
    ex = script(step(old, 25))
    assert rules(ex) == [(Rule.SINKING, 0)]
    assert check_wording(ex)[0].message.startswith("'heaviness' can deepen")
    offered = "If you feel heavy, you might open your eyes and press your feet down."
    assert rules(script(step(offered, 25))) == []


def test_promises_of_safety_warn_wherever_they_are() -> None:
    ex = script(
        step("You are safe here.", 20),
        step("A box, a jar or a safe, whatever suits you.", 20),
        title="A safe place and a container",
    )
    assert rules(ex) == [(Rule.SAFETY_PROMISE, None), (Rule.SAFETY_PROMISE, 0)]


def test_big_breaths_warn() -> None:
    ex = script(step("Perhaps a deep breath in.", 20), step("Low and slow breaths.", 20))
    assert rules(ex) == [(Rule.BIG_BREATHS, 0)]


def test_claims_and_medicine_warn() -> None:
    ex = script(
        step("This practice treats anxiety.", 20),
        step("Once the dose takes effect, rest.", 20),
        step("A treat for yourself would be a claim too.", 20),
        description="Helps symptoms settle.",
    )
    assert rules(ex) == [
        (Rule.CLAIMS, None),
        (Rule.CLAIMS, 0),
        (Rule.CLAIMS, 1),
        (Rule.CLAIMS, 2),
    ]


# --- all together -------------------------------------------------------------------------------


def test_warnings_come_whole_exercise_first_then_by_step() -> None:
    ex = script(
        step("The belly.", 5),
        *LONG,
        step("How are you?", None, RATING.format(key="a")),
        step("And now?", None, RATING.format(key="b")),
    )
    found = check_wording(ex)
    assert [(f.rule, f.step) for f in found] == [
        (Rule.BIG_FEELINGS, None),
        (Rule.READING_TIME, 0),
        (Rule.SENSITIVE_REGION, 0),
        (Rule.RATINGS, 6),
    ]
    assert all(isinstance(f, WordingWarning) and f.message for f in found)


#: For each rule, a script of its own that produces that warning and no other.
ONE_OF_EACH: dict[Rule, Exercise] = {
    Rule.READING_TIME: script(step(TWENTY, 10)),
    Rule.SENSITIVE_REGION: script(step("The throat.", 20)),
    Rule.BIG_FEELINGS: script(*LONG),
    Rule.RATINGS: script(
        step("How are you?", None, RATING.format(key="a")),
        step("And now?", None, RATING.format(key="b")),
    ),
    Rule.RATING_AROUND_SESSION: script(
        step("How settled?", None, RATING.format(key="a")), moments=["before-dosing"]
    ),
    Rule.ANSWER_TIME: script(step("Words.", 20, '[step.input]\ntype = "text"\nkey = "w"\n')),
    Rule.LONG_SENTENCE: script(step(" ".join(["word"] * 25) + ".", None)),
    Rule.LONG_STEP: script(step(" ".join(["Six words in a short sentence."] * 6), None)),
    Rule.HEDGES: script(step("Perhaps, if you like, a word.", 20)),
    Rule.SINKING: script(step("Sinking into the chair.", 20)),
    Rule.SAFETY_PROMISE: script(step("It's safe now.", 20)),
    Rule.BIG_BREATHS: script(step("A big breath.", 20)),
    Rule.CLAIMS: script(step("A practice to heal.", 20)),
}


def test_every_rule_has_a_small_script_of_its_own() -> None:
    assert set(ONE_OF_EACH) == set(Rule)


@pytest.mark.parametrize("rule", list(Rule))
def test_each_rule_alone(rule: Rule) -> None:
    assert [found for found, _ in rules(ONE_OF_EACH[rule])] == [rule]


# --- the format guide ---------------------------------------------------------------------------

GUIDE = Path(__file__).resolve().parents[3] / "resources" / "exercises" / "FORMAT.md"


def test_the_format_guide_documents_every_rule_and_its_example_is_clean() -> None:
    text = GUIDE.read_text()
    wording = text[text.index("## Wording") :]
    for rule in Rule:
        assert f"| `{rule}` |" in wording, rule
    assert f"{w.READING_S_PER_WORD:g} s a word plus {w.SETTLE_S:g} s" in wording
    example = text.split("```toml\n")[1].split("```")[0]
    assert check_wording(parse_script(example, "FORMAT.md")) == []
    # The warning quoted in the guide is what the checker says for such a step.
    quoted = next(line for line in wording.splitlines() if line.startswith("step[4]: "))
    ex = script(*[step(f"Part {n}.", 20) for n in range(3)], step("The belly.", 20))
    assert [str(found) for found in check_wording(ex)] == [quoted]


def test_words_with_accents_count_once_each_in_any_language() -> None:
    # A Spanish step reads as long as its words, accented letters and all.
    assert w.words("Está bien, aquí. Puedes sentir tus pies.") == [
        "Está",
        "bien",
        "aquí",
        "Puedes",
        "sentir",
        "tus",
        "pies",
    ]
    assert w.reading_seconds("Está bien, aquí.") == w.reading_seconds("It is here.")
