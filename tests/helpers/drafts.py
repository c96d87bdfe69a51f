"""A draft with every kind of step, for the tests of the draft model and the script writer."""

from __future__ import annotations

from kapcompanion.domain.drafts import BreathingDraft, InputDraft, ScriptDraft, StepDraft


def full_draft() -> ScriptDraft:
    return ScriptDraft(
        id="evening-landing",
        title='An "evening" landing',
        description="Feet, seat and hands.\nThen a few breaths.",
        moments=["session-close", "any-time"],
        minutes=4.5,
        steps=[
            StepDraft(text="Welcome \\ hello", seconds=12.5, sound="soft-bell"),
            StepDraft(
                text="Breathe with the shape, if it feels right.",
                seconds=None,
                breathing=BreathingDraft(preset="longer-exhale", seconds=60),
            ),
            StepDraft(
                text="Your own pace.",
                seconds=40,
                breathing=BreathingDraft(preset=None, inhale=3.5, exhale=6, seconds=30),
            ),
            StepDraft(
                text="How settled?",
                seconds=None,
                until_continue=True,
                input=InputDraft("rating", "settled", low="not at all", high="very"),
            ),
            StepDraft(
                text="A word?",
                seconds=None,
                until_continue=True,
                input=InputDraft("text", "word", max_length=30, hint="a word or two"),
            ),
            StepDraft(
                text="Before you go",
                seconds=None,
                until_continue=True,
                input=InputDraft("checklist", "ready", items=["Water", 'A "snack"']),
            ),
        ],
    )
