"""match(), match_contacts() and the Matcher: pairing rules, ordering, scores, reasons, bad input."""

import datetime

import numpy as np
import pytest

from weakties.matching import (
    DEMAND_KINDS,
    SUPPLY_KINDS,
    Contact,
    Matcher,
    Request,
    explain,
    match,
    match_contacts,
)

TODAY = datetime.date(2026, 1, 15)


def request(id, org, kind, title, **kw):
    return Request(id=id, org=org, kind=kind, title=title, **kw)


VACANCIES = [
    request(1, "Rijkswaterstaat", "vacancy", "Wegeninspecteur", skills=("HACCP", "rapporteren", "rijbewijs B"), region="Amersfoort", level="mbo 4", date=datetime.date(2026, 4, 1)),
    request(2, "UMC Utrecht", "vacancy", "Verpleegkundige", skills=("BIG-registratie",), region="Utrecht", level="hbo"),
    request(3, "Gemeente Utrecht", "vacancy", "Software developer", skills=("Python", "SQL"), region="Utrecht", level="hbo"),
    request(4, "Ministerie van LNV", "vacancy", "Inspecteur voedselveiligheid", skills=("HACCP",), region="Utrecht"),
    request(5, "Gemeente Gent", "work-experience", "Werkervaringsplek groenonderhoud", region="Gent"),
]  # fmt: skip
SURPLUS = request(10, "Ministerie van LNV", "surplus", "Vleesinspecteur", skills=("HACCP", "Rapportages"), region="Utrecht", level="mbo 4", count=20, date=datetime.date(2026, 3, 18))  # fmt: skip


def test_meat_inspectors_are_matched_with_road_inspectors_across_organisations():
    matches = match([SURPLUS], VACANCIES, today=TODAY)
    assert matches[0].demand.id == 1
    why = matches[0].why
    assert "Both are inspection and enforcement roles (vleesinspecteur ~ wegeninspecteur)." in why
    assert "Shared skills: HACCP, Rapportages." in why
    assert "20 km apart (Utrecht – Amersfoort)." in why
    assert "Available 2 weeks before the vacancy opens." in why
    assert {r.code for r in matches[0].reasons} >= {"family", "skills", "region", "level", "timing"}
    for reason in matches[0].reasons:
        assert 0.0 <= reason.score <= 1.0
        assert all(isinstance(v, str) for v in reason.params.values())
        assert reason.message.format(**reason.params)


def test_same_organisation_is_never_paired_unless_asked():
    ids = {m.demand.id for m in match([SURPLUS], VACANCIES, today=TODAY)}
    assert 4 not in ids  # the ministry's own vacancy
    ids = {m.demand.id for m in match([SURPLUS], VACANCIES, same_org=True, today=TODAY)}
    assert 4 in ids


def test_same_organisation_is_compared_case_and_accent_insensitively():
    supply = request(11, " ministerie  van LNV ", "candidate", "Inspecteur voedselveiligheid")
    assert 4 not in {m.demand.id for m in match([supply], VACANCIES, today=TODAY)}


def test_other_kinds_are_ignored():
    question = request(20, "X", "question", "Wie kent een goede wegeninspecteur?")
    change = request(21, "Y", "change", "Reorganisatie inspecties")
    vacancy_as_supply = request(22, "Z", "vacancy", "Wegeninspecteur")
    matches = match(
        [SURPLUS, question, change, vacancy_as_supply], [*VACANCIES, question, SURPLUS], today=TODAY
    )
    assert {m.supply.kind for m in matches} <= set(SUPPLY_KINDS)
    assert {m.demand.kind for m in matches} <= set(DEMAND_KINDS)
    # Not vacuous: the surplus still finds its vacancies, exactly as without the other kinds.
    alone = match([SURPLUS], VACANCIES, today=TODAY)
    assert alone and [(m.supply.id, m.demand.id) for m in matches] == [
        (m.supply.id, m.demand.id) for m in alone
    ]


def test_results_are_sorted_best_first_within_top_k_and_min_score():
    supply = [
        SURPLUS,
        request(
            12, "Zuyderland", "candidate", "Nurse", skills=("BIG registration",), region="Utrecht"
        ),
    ]
    matches = match(supply, VACANCIES, top_k=2, min_score=0.0, today=TODAY)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    per_supply = {}
    for m in matches:
        per_supply[m.supply.id] = per_supply.get(m.supply.id, 0) + 1
    assert max(per_supply.values()) <= 2
    above = match(supply, VACANCIES, min_score=0.3, today=TODAY)
    assert above and all(m.score >= 0.3 for m in above)


def test_cross_language_pair_is_found():
    nurse = request(
        12,
        "Zuyderland",
        "candidate",
        "Registered nurse",
        skills=("BIG registration",),
        region="Utrecht",
        level="bachelor",
    )
    best = match([nurse], VACANCIES, today=TODAY)[0]
    assert best.demand.id == 2
    assert best.reasons[0].code == "synonym"
    assert "Shared skills: BIG registration." in best.why


def test_unrelated_work_scores_low():
    cook = request(13, "Van der Valk", "candidate", "Kok", skills=("HACCP",), region="Utrecht")
    assert all(m.demand.id != 3 for m in match([cook], VACANCIES, min_score=0.1, today=TODAY))
    # Not vacuous: with no threshold the developer's vacancy is there, scored below 0.1,
    # and the food-safety inspector (HACCP) ranks first.
    every = {m.demand.id: m.score for m in match([cook], VACANCIES, min_score=0.0, today=TODAY)}
    assert every[3] < 0.1
    assert max(every, key=every.get) == 4


def test_nearby_beats_far_for_the_same_job():
    vacancies = [
        request(1, "A", "vacancy", "Verpleegkundige", region="Maastricht"),
        request(2, "B", "vacancy", "Verpleegkundige", region="Utrecht"),
    ]
    nurse = request(3, "C", "candidate", "Verpleegkundige", region="Amersfoort")
    found = match([nurse], vacancies, today=TODAY)
    assert [m.demand.id for m in found] == [2, 1]
    assert found[0].why.startswith("Same job (verpleegkundige).")


def test_timing_prefers_the_vacancy_that_opens_when_staff_become_available():
    vacancies = [
        request(
            1, "A", "vacancy", "Wegeninspecteur", region="Utrecht", date=datetime.date(2027, 6, 1)
        ),
        request(
            2, "B", "vacancy", "Wegeninspecteur", region="Utrecht", date=datetime.date(2026, 6, 1)
        ),
    ]
    surplus = request(
        3, "C", "surplus", "Wegeninspecteur", region="Utrecht", date=datetime.date(2026, 5, 15)
    )
    assert [m.demand.id for m in match([surplus], vacancies, today=TODAY)] == [2, 1]


def test_unknown_region_and_level_are_neutral_and_said():
    supply = request(14, "X", "candidate", "Software developer")
    best = match([supply], VACANCIES, today=TODAY)[0]
    assert "Region unknown on one side or both; counted as neutral." in best.why
    assert "Level unknown on one side or both; counted as neutral." in best.why


def test_empty_inputs_give_no_matches():
    assert match([], VACANCIES) == []
    assert match([SURPLUS], []) == []
    assert Matcher([]).top_pairs([SURPLUS])[0].size == 0


def test_top_k_must_be_positive():
    with pytest.raises(ValueError, match="top_k"):
        match([SURPLUS], VACANCIES, top_k=0)


def test_matcher_index_is_reusable_and_deterministic():
    matcher = Matcher(VACANCIES, today=TODAY)
    first = matcher.match([SURPLUS])
    second = matcher.match([SURPLUS])
    assert [(m.demand.id, m.score, m.why) for m in first] == [
        (m.demand.id, m.score, m.why) for m in second
    ]
    rows, cols, scores = matcher.top_pairs([SURPLUS])
    assert [matcher.demand[c].id for c in cols[scores.argsort()[::-1]]][0] == first[0].demand.id


def test_progress_is_reported():
    calls = []
    Matcher(VACANCIES, today=TODAY).match(
        [SURPLUS], progress=lambda done, total: calls.append((done, total))
    )
    assert calls[-1] == (1, 1)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"kind": "job"}, ValueError, "unknown kind 'job'"),
        ({"title": " ", "text": ""}, ValueError, "give a title or a text"),
        ({"count": 0}, ValueError, "count must be at least 1"),
        ({"skills": "HACCP, VCA"}, TypeError, "split it first"),
        ({"date": "2026-01-01"}, TypeError, "datetime.date"),
    ],
)
def test_bad_requests_are_refused_with_a_clear_message(kwargs, error, words):
    fields = {"id": 7, "org": "X", "kind": "vacancy", "title": "Kok"} | kwargs
    with pytest.raises(error, match=words):
        Request(**fields)


def test_a_request_with_only_text_is_allowed():
    supply = Request(
        id=8,
        org="X",
        kind="candidate",
        title="",
        text="Ervaren verpleegkundige met BIG-registratie",
    )
    assert match([supply], VACANCIES, today=TODAY)[0].demand.id == 2


def test_explain_translates_templates_and_family_names():
    best = match([SURPLUS], VACANCIES, today=TODAY)[0]
    catalogue = {
        "Both are {family} roles ({supply_title} ~ {demand_title}).": "Beide zijn functies in {family} ({supply_title} ~ {demand_title}).",
        "inspection and enforcement": "toezicht en handhaving",
        "Shared skills: {skills}.": "Gedeelde vaardigheden: {skills}.",
    }
    dutch = explain(best.reasons, translate=lambda s: catalogue.get(s, s))
    assert dutch.startswith(
        "Beide zijn functies in toezicht en handhaving (vleesinspecteur ~ wegeninspecteur)."
    )
    assert "Gedeelde vaardigheden: HACCP, Rapportages." in dutch
    assert explain(best.reasons) == best.why


def test_a_broken_translation_falls_back_to_english():
    best = match([SURPLUS], VACANCIES, today=TODAY)[0]
    assert explain(best.reasons, translate=lambda s: "{nonsense}") == best.why


def test_contacts_are_matched_to_a_vacancy():
    contacts = [
        Contact(
            1,
            "Weginspecteur",
            company="Provincie Utrecht",
            region="Utrecht",
            skills=("rijbewijs B",),
        ),
        Contact(2, "Kok", company="Hotel", region="Amersfoort"),
        Contact(3, "Toezichthouder milieu", company="Omgevingsdienst", region="Zwolle"),
        Contact(4, "", company="Unknown"),
    ]
    found = match_contacts(VACANCIES[0], contacts, today=TODAY)
    assert [c.contact.id for c in found][:2] == [1, 3]
    assert all(c.contact.id != 2 for c in found)
    assert "Same occupation (weginspecteur ~ wegeninspecteur)." in found[0].why
    assert "vacancy opens" not in found[0].why  # timing plays no part


def test_contacts_need_a_demand_request():
    with pytest.raises(ValueError, match="can only be matched with vacancy or work-experience"):
        match_contacts(SURPLUS, [Contact(1, "Kok")])
    assert match_contacts(VACANCIES[0], []) == []


def test_pruned_top_k_equals_scoring_every_pair():
    from weakties.synth.requests import generate_requests

    requests = generate_requests(candidates=300, vacancies=400, seed=5, today=TODAY)
    supply = [r for r in requests if r.kind == "candidate"]
    demand = [r for r in requests if r.kind == "vacancy"]
    matcher = Matcher(demand, today=TODAY)
    rows, cols, scores = matcher.top_pairs(supply, top_k=5, min_score=0.0, same_org=True)

    from weakties.matching.features import featurise

    scorer = matcher._scorer(featurise(supply, TODAY), timing=True)
    everything = scorer.content(slice(0, len(supply))) * scorer.context(slice(0, len(supply)))
    order = matcher._layout.order
    for i in range(len(supply)):
        best = np.sort(everything[i])[::-1][:5]
        got = np.sort(scores[rows == i])[::-1]
        np.testing.assert_allclose(got, np.round(best, 4), atol=1e-4)
    # columns are original demand positions
    assert set(cols.tolist()) <= set(range(len(demand)))
    assert all(
        everything[r, np.flatnonzero(order == c)[0]] > 0
        for r, c in zip(rows[:20], cols[:20], strict=True)
    )


def test_empty_form_fields_as_none_and_lists_are_accepted():
    r = Request(
        id=9,
        org="X",
        kind="candidate",
        title="Nurse",
        text=None,
        region=None,
        level=None,
        skills=["BIG registration"],
    )
    assert (r.text, r.region, r.level, r.skills) == ("", "", "", ("BIG registration",))
    assert match([r], VACANCIES, today=TODAY)[0].demand.id == 2


def test_odd_text_does_not_break_matching():
    odd = [
        request(
            30,
            "X",
            "candidate",
            "🚀 Développeur ✨ (m/v/x) — 💻",
            text="日本語 текст ﷺ " * 50,
            skills=("", " ", "C#/.NET"),
        ),
        request(31, "Y", "candidate", "x" * 5000, region="!!!", level="schaal 99"),
        request(32, "Z", "candidate", "Inspecteur", text="inspecteur " * 10_000),
    ]
    found = match(odd, VACANCIES, min_score=0.0, today=TODAY)
    assert {m.supply.id for m in found} == {30, 31, 32}
    for m in found:
        assert 0.0 <= m.score <= 1.0 and m.why


def test_scoring_threads_give_the_same_pairs(monkeypatch):
    from weakties.matching import engine
    from weakties.synth.requests import generate_requests

    monkeypatch.setattr(engine, "_CHUNK_PAIRS", 20_000)  # several chunks
    requests = generate_requests(candidates=200, vacancies=300, seed=7, today=TODAY)
    supply = [r for r in requests if r.kind == "candidate"]
    demand = [r for r in requests if r.kind == "vacancy"]
    one = Matcher(demand, today=TODAY, workers=1).top_pairs(supply)
    two = Matcher(demand, today=TODAY, workers=2).top_pairs(supply)
    for a, b in zip(one, two, strict=True):
        np.testing.assert_array_equal(a, b)


def test_similar_words_in_another_trade_do_not_beat_the_same_kind_of_work():
    vacancies = [
        request(1, "Vion", "vacancy", "Vleesverwerker", skills=("HACCP",), region="Utrecht"),
        request(2, "Slagerij De Bilt", "vacancy", "Slager", region="Utrecht"),
        request(
            3,
            "Rijkswaterstaat",
            "vacancy",
            "Wegeninspecteur",
            skills=("rapporteren",),
            region="Amersfoort",
        ),
    ]
    surplus = request(
        4, "LNV", "surplus", "Vleesinspecteur", skills=("HACCP", "rapporteren"), region="Utrecht"
    )
    assert match([surplus], vacancies, today=TODAY)[0].demand.id == 3
