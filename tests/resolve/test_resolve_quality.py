"""Pairwise precision and recall on a seeded synthetic set with known identities.

The generator (:mod:`tests.resolve.resolve_synthetic`) draws about 600 invented
people and 2,000 of their appearances in LinkedIn, Google, Outlook and vCard
exports, with the spelling noise real exports have.  Precision and recall are
pairwise: over all pairs of contacts, does the resolver put the same pairs
together as the ground truth (Christen 2012, ch. 7)?
"""

from __future__ import annotations

import random

from weakties.resolve import PersonIndex

from .resolve_synthetic import make_contacts, make_people, pairwise_scores


def test_pairwise_precision_and_recall() -> None:
    rng = random.Random(2026)
    people = make_people(rng, 700)
    contacts, truth = make_contacts(rng, people, 2000)
    index = PersonIndex()
    predicted = [index.resolve(c).key for c in contacts]
    precision, recall = pairwise_scores(truth, predicted)
    print(f"precision={precision:.4f} recall={recall:.4f} people={len(index)}")
    assert precision >= 0.99
    assert recall >= 0.97


def test_pairwise_scores() -> None:
    assert pairwise_scores([1, 1, 2, 2], [7, 7, 8, 8]) == (1.0, 1.0)
    assert pairwise_scores([1, 1, 2, 2], [7, 7, 7, 7]) == (2 / 6, 1.0)
    assert pairwise_scores([1, 1, 1, 2], [7, 7, 8, 9]) == (1.0, 1 / 3)
    assert pairwise_scores([1, 2], [3, 4]) == (1.0, 1.0)
