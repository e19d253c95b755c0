"""Pure: the language of an article's text (py3langid, offline, bundled model)."""

from __future__ import annotations

import re
from functools import lru_cache

SAMPLE_CHARS = 500
LANGUAGES = ("en", "es", "fr", "pt", "de", "it")  # the languages news of this region comes in


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


# The two languages of this corpus differ in their commonest words; when the count is lopsided the answer is
# clear without the model (which costs a third of a millisecond per article).
_ENGLISH = re.compile(r"\b(?:the|and|of|to|that|with|was|were|for|said|has|have|will|from)\b", re.IGNORECASE)
_SPANISH = re.compile(r"\b(?:el|los|las|del|que|por|con|para|una|fue|dijo|según|también|este)\b", re.IGNORECASE)
CLEAR_MARGIN = 4  # one language's common words at least this many times the other's, and at least 12 of them


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en', 'es', ...); 'en' for text too short to tell."""
    prose = [line for line in text.splitlines() if line.count(" ") >= 8]
    sample = " ".join(prose)[:SAMPLE_CHARS] or text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample[:200]) < 20:
        return "en"
    english, spanish = len(_ENGLISH.findall(sample)), len(_SPANISH.findall(sample))
    if english >= 12 and english >= CLEAR_MARGIN * spanish:
        return "en"
    if spanish >= 12 and spanish >= CLEAR_MARGIN * english:
        return "es"
    language, _ = _identifier().classify(sample)
    return language
