"""The wording checks' words in Spanish, so a script written in Spanish is read as carefully as
one in English.

Each pattern here stands beside its English one in :mod:`kapcompanion.domain.wording` and means
the same: a sensitive part of the body, an outside anchor, an offer, coming back, the eyes
opening, big feelings, stopping, a hedge, sinking, a promise of safety, a big breath, a claim.
Plurals are written out (Spanish plurals are not made by one rule). Words that often mean
something else are left out rather than risk a false warning: "frente" (forehead, and "in front
of"), "para" (stop, and "for"), "lengua" (tongue, and "language"), "sana" (heals, and "healthy").
The checks use the English and the Spanish words together, as a script does not say its
language. Matching is case-insensitive.
"""

from __future__ import annotations

import re


def _words(*terms: str) -> re.Pattern[str]:
    """Any of ``terms`` (regular-expression fragments) as whole words."""
    return re.compile(r"\b(?:" + "|".join(terms) + r")\b", re.IGNORECASE)


#: By the region of :data:`kapcompanion.domain.wording.SENSITIVE_REGIONS` they belong to.
SENSITIVE_REGIONS: dict[str, re.Pattern[str]] = {
    "pelvis": _words(
        r"pelvis", r"pélvic[oa]s?", r"caderas?", r"ingles?", r"genitales", r"glúteos?"
    ),
    "belly": _words(r"vientres?", r"barrigas?", r"tripas?", r"abdomen", r"estómagos?"),
    "chest": _words(r"pechos?", r"senos?", r"costillas?", r"tórax"),
    "throat": _words(r"gargantas?", r"cuellos?"),
    "jaw": _words(r"mandíbulas?", r"bocas?", r"labios?", r"dientes?", r"muelas?"),
    "face": _words(r"caras?", r"rostros?", r"mejillas?", r"sien(?:es)?", r"nariz", r"narices"),
    "eyes": _words(r"ojos?", r"párpados?"),
}
ANCHOR = _words(
    r"manos?",
    r"pies?",
    r"suelo",
    r"piso",
    r"sillas?",
    r"asientos?",
    r"habitación",
    r"habitaciones",
    r"cuarto",
    r"sala",
    r"sonidos?",
)
OFFER = _words(
    r"o",
    r"en lugar de",
    r"en vez de",
    r"si prefieres",
    r"saltar",
    r"sáltate",
    r"salta",
    r"en cualquier momento",
    r"cuando quieras",
    r"cambiar",
)
COMING_BACK = _words(
    r"volver",
    r"vuelve",
    r"vuelves",
    r"regresar",
    r"regresa",
    r"de vuelta",
)
EYES_OUTWARD = re.compile(
    r"\babr(?:ir|e|es|iendo)\b(?:\s+\w+){0,2}\s+ojos\b"
    r"|\bojos\b(?:[\s,]+\w+){0,4}[\s,]+abiertos\b"
    r"|\bmir(?:ar|a|as|ando)\s+(?:a\s+tu\s+)?alrededor\b"
    r"|\blevant(?:ar|a|as|ando)\s+(?:la\s+|tu\s+)?mirada\b",
    re.IGNORECASE,
)
BIG_FEELINGS = re.compile(
    r"\bdemasiado\b|\babrum\w*|\bdesbord\w*|\bintens[oa]s?\b"
    r"|\b(?:sentimientos|emociones) (?:grandes|fuertes|intens[oa]s)\b"
    r"|\bcrece(?:n)? mucho\b",
    re.IGNORECASE,
)
STOPPING = _words(r"parar", r"paras", r"detener\w*", r"pausa", r"para aquí")
HEDGES = (
    "quizá",
    "quizás",
    "tal vez",
    "podrías",
    "si quieres",
    "si lo deseas",
    "si te apetece",
    "si prefieres",
    "si te parece bien",
    "solo si",
)
SINKING = _words(r"pesad[oa]s?", r"pesadez", r"hund\w*", r"derret\w*", r"gravedad", r"a la deriva")
SAFETY_PROMISES = re.compile(
    r"\blugar seguro\b"
    r"|\bestás\s+(?:completamente\s+|totalmente\s+)?(?:a salvo|segur[oa])\b",
    re.IGNORECASE,
)
BIG_BREATHS = re.compile(
    r"\brespiraci(?:ón|ones)\s+(?:profundas?|grandes?|llenas?)\b"
    r"|\bgrandes\s+respiraciones\b"
    r"|\brespir(?:a|ar|es)\s+(?:hondo|profundo|profundamente)\b",
    re.IGNORECASE,
)
CLAIMS = _words(
    r"tratamientos?",
    r"tratar",
    r"curar?",
    r"curación",
    r"sanación",
    r"síntomas?",
    r"diagn[oó]stic\w*",
    r"dosis",
    r"miligramos?",
    r"ketamina",
    r"drogas?",
    r"fármacos?",
)
#: Words that turn attention to the breath or the inside of the body (beside
#: :data:`kapcompanion.domain.feelings.INWARD_WORDS`).
INWARD_WORDS = _words(r"respir\w*", r"inhal\w*", r"exhal\w*", r"dentro", r"en (?:tu|el) cuerpo")
