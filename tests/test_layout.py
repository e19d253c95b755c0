"""Page zones: headline, site header, dateline, captions, chrome, tail."""

import pytest

from loaders import layout as layout_module
from loaders.candidates import find_candidates
from loaders.layout import BODY, CAPTION, CHROME, DATELINE, HEADER, STANDFIRST, TAIL, TITLE, segment, split_sentences, word_count
from tests.conftest import SEED_DIR


def _layout(matchers, text, title=""):
    return segment(text, find_candidates(text), matchers.chrome, title)


def _zone_of(layout, fragment):
    return next(line.zone for line in layout.lines if fragment in line.text)


@pytest.mark.parametrize(
    ("article_id", "fragment", "zone"),
    [
        ("000_95cf9caf70308b62", "US seeks more support", TITLE),
        ("000_95cf9caf70308b62", "Senior Trump administration officials meet", STANDFIRST),
        ("000_95cf9caf70308b62", "10 Jul 2018", DATELINE),
        ("000_95cf9caf70308b62", "Cargando Video", CHROME),
        ("001_a3d27affe04262f3", "2024-02-28 23:10:56", DATELINE),
        ("001_a3d27affe04262f3", "1709165832", TAIL),
        ("001_a3d27affe04262f3", "Leave a Reply", TAIL),
        ("001_a3d27affe04262f3", "Join EL PAÍS", CHROME),
        ("002_c86cc058ea5de68e", "Guatemala City, Guatemala May 28, 2019", CAPTION),
        ("002_c86cc058ea5de68e", "Guatemala's Ministry of Interior and Home Affairs Enrique Degenhart speaks", CAPTION),
        ("004_be7ffad3bbd357e7", "Wednesday, May 31, 2023", HEADER),
        ("004_be7ffad3bbd357e7", "U.S. to unveil human trafficking steps", TITLE),
        ("004_be7ffad3bbd357e7", "WASHINGTON – The United States is expected", BODY),
    ],
)
def test_seed_zones(matchers, article_id, fragment, zone):
    text = (SEED_DIR / f"{article_id}.txt").read_text(encoding="utf-8")
    assert _zone_of(_layout(matchers, text), fragment) == zone


@pytest.mark.parametrize(
    ("text", "fragment", "zone"),
    [
        (
            "THE CAPITAL GAZETTE\n\nMexico and U.S. agree on border plan\n\nOfficials met on Tuesday to agree a plan.",
            "Mexico and U.S. agree",
            TITLE,
        ),
        ("Daily News  ·  World\n\nMexico and U.S. agree on border plan\n\nOfficials met on Tuesday.", "Daily News", HEADER),
        (
            "Por Ana Ruiz | 8 de febrero de 2021\n\nEE.UU. suspende los acuerdos\n\nEl secretario anunció el sábado algo.",
            "Por Ana Ruiz",
            DATELINE,
        ),
        (
            "Updated 9:40 AM ET, Sun March 31, 2019\n\nU.S. ends aid programs\n\nThe State Department said on Saturday it ends aid.",
            "Updated",
            DATELINE,
        ),
        ("Talks end\n\nOfficials met on Monday in a long session today.\n\nRelated\nOther story (May 8, 2019)", "Other story", TAIL),
        ("Talks end\n\nOfficials met on Monday.\n\n[Photo] Ministers at the palace, Thursday, March 21, 2024.", "[Photo]", CAPTION),
    ],
)
def test_zones_of_small_pages(matchers, text, fragment, zone):
    assert _zone_of(_layout(matchers, text), fragment) == zone


def test_front_matter_title_that_the_text_does_not_repeat(matchers):
    layout = _layout(matchers, "WASHINGTON, May 30 (Wire) - Trump said on Thursday that tariffs would start.\n", title="Tariffs coming")
    assert layout.title == "Tariffs coming"
    assert layout.lines[0].zone == BODY


def test_a_page_without_headline_gets_its_first_sentence_as_title(matchers):
    text = "WASHINGTON, June 7 (Reuters) - The United States and Mexico reached an agreement on Friday night that averts the tariffs President Donald Trump had threatened to impose. More text follows here."
    assert _layout(matchers, text).title.startswith("WASHINGTON, June 7 (Reuters) - The United States and Mexico reached")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("U.S. officials met on Tuesday. Pence spoke.", 2),
        ("The meeting ends Dec. 1 in Mexico. Then talks resume.", 2),
        ("Gen. Smith and Sen. Jones met. They agreed.", 2),
    ],
)
def test_sentences_do_not_break_after_abbreviations(text, sentences):
    assert len(split_sentences(text, 0, len(text))) == sentences


PASSAGES = [
    "U.S. officials met on Tuesday. Pence spoke.",
    "The meeting ends Dec. 1 in Mexico. Then talks resume! ¿Y ahora? «Nada».",
    "Gen. Smith and Sen. Jones met. They agreed… “Fine,” he said. (Later) They left.",
    "No break here",
    "A line. " * 600,  # longer than KEPT_CHARS: read without the cache
]


@pytest.mark.parametrize("passage", PASSAGES, ids=[p[:20] for p in PASSAGES])
@pytest.mark.parametrize("prefix", ["", "Header line.\n", "x" * 37 + ". "])
def test_kept_sentence_spans_and_word_counts_are_those_read_afresh(passage, prefix):
    """The spans kept by a passage's text are those read from it at any offset, and its kept word count is a fresh one."""
    text = prefix + passage + "\nNext line. Another."
    start, end = len(prefix), len(prefix) + len(passage)
    fresh = [(start + s, start + e) for s, e in layout_module._sentence_spans(passage)]
    assert split_sentences(text, start, end) == fresh
    assert split_sentences(text, start, end) == fresh  # a second time: from the cache
    assert [text[s:e] for s, e in fresh][:2] == [passage[s:e] for s, e in split_sentences(passage, 0, len(passage))][:2]
    assert word_count(passage) == len(layout_module._WORDS.findall(passage)) == word_count(passage)
