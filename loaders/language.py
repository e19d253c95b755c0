"""Pure: the language of an article's text (py3langid, offline, bundled model)."""

from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 500
LANGUAGES = ("en", "es", "fr", "pt", "de", "it")  # the languages news of this region comes in


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en', 'es', ...); 'en' for text too short to tell."""
    prose = [line for line in text.splitlines() if line.count(" ") >= 8]
    sample = " ".join(prose)[:SAMPLE_CHARS] or text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return "en"
    language, _ = _identifier().classify(sample)
    return language
