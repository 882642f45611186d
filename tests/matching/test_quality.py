"""Matching quality on the labelled set: the right demand in the top 3 for at least 90 % of supply."""

from collections import Counter

from weakties.matching import Matcher
from weakties.matching.text import fold, tokens

from .labelled import TODAY, supply, vacancies

_EN = frozenset(
    "the with for and you your our looking wants who builds works in a an of to at".split()
)
_NL = frozenset("de het een en van met voor die naar bij op je zoekt wil werkt".split())


def _english(request) -> bool:
    words = tokens(f"{request.title} {request.text}")
    return sum(w in _EN for w in words) > sum(w in _NL for w in words)


def test_labelled_set_is_large_varied_and_consistent():
    demand, labelled = vacancies(), supply()
    assert len(demand) >= 150 and len(labelled) >= 200
    ids = {v.id: v for v in demand}
    for request, expected in labelled:
        assert expected and expected <= set(ids), request.id
        for e in expected:  # a right answer must be in another organisation
            assert fold(ids[e].org) != fold(request.org), (request.id, e)
    english = {r.id for r, _ in labelled if _english(r)}
    assert len(english) >= 15
    cross = [r for r, expected in labelled if (r.id in english) != _english(ids[min(expected)])]
    assert len(cross) >= 15  # Dutch supply for an English vacancy, and the other way round
    assert len({r.region for r in demand}) >= 50
    assert Counter(r.kind for r, _ in labelled)["surplus"] >= 20


def test_top3_accuracy_on_labelled_set():
    demand, labelled = vacancies(), supply()
    matcher = Matcher(demand, today=TODAY)
    matches = matcher.match([r for r, _ in labelled], top_k=3, min_score=0.0)
    top: dict[int, list[int]] = {}
    for m in matches:
        top.setdefault(m.supply.id, []).append(m.demand.id)
    hits1 = sum(1 for r, expected in labelled if top.get(r.id, [])[:1] and top[r.id][0] in expected)
    hits3 = sum(1 for r, expected in labelled if expected & set(top.get(r.id, [])))
    accuracy = hits3 / len(labelled)
    print(
        f"\nmatching top-1 accuracy {hits1 / len(labelled):.3f}, top-3 accuracy {accuracy:.3f} ({hits3}/{len(labelled)})"
    )
    assert accuracy >= 0.90
