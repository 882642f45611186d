"""Text normalisation for matching Dutch and English job texts.

Three steps turn a title or description into comparable terms:

1. **Folding** (:func:`weakties.resolve.text.fold`): lowercase, no diacritics,
   so "Coördinator" and "coordinator" are one word.
2. **Tokenising** (:func:`tokens`): words, keeping technical tokens such as
   ``c#``, ``.net``, ``node.js`` and ``ci/cd`` whole; hyphenated words
   ("HR-adviseur") become separate words.
3. **Stemming** (:func:`stem`) with the Snowball stemmers for Dutch and English
   [1]_ [2]_.  Help requests mix the two languages, often inside one title
   ("Senior Software Engineer bij de gemeente").  The stemmer is therefore
   chosen per *word*, not per document: a word that only occurs in the English
   vocabulary of the occupation and skill lists is stemmed as English, every
   other word as Dutch.  The choice depends on the word alone, so a word gets
   the same stem in every request.

Dutch writes compounds as one word ("vleesinspecteur", "magazijnmedewerker").
:func:`split_compound` splits a word against known heads (the last part of a
compound carries its meaning) taken from the occupation and skill lists, in the
spirit of dictionary-based decompounding [3]_: "vleesinspecteur" gives
"vlees" + "inspecteur", so it shares a term with "wegeninspecteur".

References
----------
.. [1] Porter, M. F. (1980). An algorithm for suffix stripping. *Program* 14(3).
.. [2] Porter, M. F. (2001). Snowball: A language for stemming algorithms.
   https://snowballstem.org/ (the Dutch and English stemmers used here,
   through PyStemmer).
.. [3] Koehn, P. & Knight, K. (2003). Empirical methods for compound
   splitting. *EACL*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain

import Stemmer

from weakties.resolve.text import fold

from .stopwords import STOPWORDS_DUTCH, STOPWORDS_EN
from .vocabulary import DUTCH_WORDS, ENGLISH_WORDS, HEADS, KNOWN_WORDS, NO_SPLIT

__all__ = [
    "STOPWORDS",
    "WORD",
    "compound_parts",
    "fold",
    "split_compound",
    "stem",
    "terms",
    "tokens",
    "word_terms",
]

_TOKEN = re.compile(r"\.?[a-z0-9]+(?:[+#]+)?(?:[&/.][a-z0-9]+)*")
#: One folded word as :func:`tokens` finds it (never across a line break or a space).
WORD = _TOKEN

# Words that say nothing about the job in a help request.
_REQUEST_STOPWORDS = frozenset(
    """
    wij we zoeken zoekt zoek ben bent hebt heeft hebben jij je jou jouw u uw onze ons
    functie vacature kandidaat kandidaten medewerkers organisatie per direct
    binnen graag goede goed ervaring jaar jaren minimaal sterk sterke kennis
    nieuwe nieuw werk werken werkt team afdeling collega collegas
    looking seeking candidate role position job company work working team strong
    good experience years year knowledge new within our your you
    m v x mv
    """.split()
)

STOPWORDS = frozenset(STOPWORDS_DUTCH) | frozenset(STOPWORDS_EN) | _REQUEST_STOPWORDS

# Porter's original Snowball stemmer for Dutch.  Snowball 3's newer "dutch"
# also strips the ge- prefix and over-conflates job words ("gemeente" ->
# "meen", "kwaliteit" -> "kwaal"), which hurts short job titles.
_DUTCH = Stemmer.Stemmer("dutch_porter")
_ENGLISH = Stemmer.Stemmer("english")
_LINKS = ("s", "en", "e")  # Dutch linking elements: beleid-s-medewerker, klant-en-service


@lru_cache(maxsize=1 << 16)
def tokens(text: str) -> tuple[str, ...]:
    """Split ``text`` into folded words.

    Examples
    --------
    >>> tokens("Senior HR-adviseur (C#/.NET), Coördinator")
    ('senior', 'hr', 'adviseur', 'c#', '.net', 'coordinator')
    """
    return tuple(_TOKEN.findall(fold(text))) if text else ()


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """Stem one folded word with the Dutch or the English Snowball stemmer.

    Words with digits or symbols (``c#``, ``nen3140``) are kept as they are.

    Examples
    --------
    >>> stem("inspecteurs"), stem("verpleegkundigen"), stem("nurses")
    ('inspecteur', 'verpleegkund', 'nurs')
    """
    if not word.isalpha():
        return word
    if _is_english(word):
        return _ENGLISH.stemWord(word)
    return _DUTCH.stemWord(word)


def _is_english(word: str) -> bool:
    for form in (
        word,
        word[:-1] if word.endswith("s") else "",
        word[:-2] if word.endswith("es") else "",
    ):
        if form in ENGLISH_WORDS:
            return form not in DUTCH_WORDS
    return False


@lru_cache(maxsize=1 << 16)
def split_compound(word: str) -> tuple[str, ...]:
    """Split a Dutch compound into known parts, head last; ``()`` if it is no compound.

    The longest known head is taken first; a linking ``s``/``en``/``e`` between
    the parts is dropped.  The modifier is split again.

    Examples
    --------
    >>> split_compound("vleesinspecteur")
    ('vlees', 'inspecteur')
    >>> split_compound("brandveiligheidsinspecteur")
    ('brandveiligheid', 'inspecteur')
    >>> split_compound("inspecteur")
    ()
    """
    if len(word) < 7 or not word.isalpha() or word in NO_SPLIT:
        return ()
    for cut in range(3, len(word) - 3):
        head = word[cut:]
        if head not in HEADS:
            continue
        modifier = _drop_link(word[:cut])
        if len(modifier) < 3:
            continue
        return (*_parts(modifier), *_parts(head))
    return ()


def _parts(word: str) -> tuple[str, ...]:
    if word in KNOWN_WORDS:
        return (word,)
    return split_compound(word) or (word,)


def _drop_link(modifier: str) -> str:
    for link in _LINKS:
        bare = modifier[: -len(link)]
        if modifier.endswith(link) and (bare in KNOWN_WORDS or bare.endswith(_S_LINKED)):
            return bare
    return modifier


_S_LINKED = ("ing", "heid", "teit", "tie", "schap", "sie")


def _word_terms(word: str) -> Iterable[str]:
    yield stem(word)
    for part in compound_parts(word):
        if part not in STOPWORDS:
            yield stem(part)


@lru_cache(maxsize=1 << 16)
def compound_parts(word: str) -> tuple[str, ...]:
    """Compound parts of ``word``, also when it is inflected ("vleesinspecteurs").

    Examples
    --------
    >>> compound_parts("softwareontwikkelaars")
    ('software', 'ontwikkelaar')
    """
    for form in (
        word,
        word[:-1] if word.endswith("s") else "",
        word[:-2] if word.endswith("en") else "",
    ):
        if form and (parts := split_compound(form)):
            return parts
    return split_compound(stem(word))


@lru_cache(maxsize=1 << 18)
def word_terms(word: str) -> tuple[str, ...]:
    """Index terms of one folded word: its stem and the stems of its compound parts."""
    if word in STOPWORDS or (len(word) < 2 and word.isalpha()):
        return ()
    return tuple(_word_terms(word))


@lru_cache(maxsize=1 << 16)
def terms(text: str) -> tuple[str, ...]:
    """Index terms of ``text``: stems of its words and of their compound parts, no stopwords.

    Examples
    --------
    >>> terms("Vleesinspecteurs gezocht")
    ('vleesinspecteur', 'vles', 'inspecteur', 'gezocht')
    """
    return tuple(chain.from_iterable(map(word_terms, tokens(text))))
