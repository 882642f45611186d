"""Identity resolution side by side with Splink, on the project's own generator (issue 13).

For each organisation (``--sizes``, employees, and ``--seeds``) it

1. generates the organisation with :mod:`weakties.synth`, writes every
   employee's exports in the real formats, and reads them back with the real
   importers, exactly as ``tests/integration/test_resolution_ground_truth.py``
   does; the ground truth says which person each line is;
2. resolves the lines with weakties' :class:`~weakties.resolve.PersonIndex`
   (the HR directory first, then every export, in the import's order) and
   times it (CPU s, records/s);
3. resolves the same lines with Splink 5 on DuckDB, set up as its
   documentation recommends: the same normalised fields (weakties' own name
   parsing, company keys, e-mail and LinkedIn normalisation, so neither side
   gains from cleaning), blocking on e-mail, LinkedIn URL, full name and
   family name + company; Jaro-Winkler name comparisons with
   term-frequency adjustments; exact company, position, e-mail and URL;
   λ from the deterministic rules, u by random sampling, m by EM; clusters
   at each ``--thresholds`` match probability;
4. prints pairwise precision and recall (Christen 2012, ch. 7) of each, and
   the targets: precision ≥ 0.998 and recall ≥ 0.993, ahead of Splink on both.

Splink is pinned in the test extra (``make install`` installs it); without it the Splink column says so and weakties is still measured.

    python bench/resolution.py [--sizes 60 1000] [--seeds 1 2] [--thresholds 0.9 0.95]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from math import comb
from pathlib import Path
from typing import Any

from weakties.importers.records import Contact
from weakties.resolve import PersonIndex, company_key, normalize_email, normalize_linkedin_url
from weakties.resolve.names import parse_name
from weakties.synth import generate_organisation, read_back, write_exports

TARGET_PRECISION = 0.998
TARGET_RECALL = 0.993


def pairwise(truth: list[int], predicted: list[Any]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against the true one."""
    together = sum(comb(n, 2) for n in Counter(zip(truth, predicted, strict=True)).values())
    predicted_pairs = sum(comb(n, 2) for n in Counter(predicted).values())
    true_pairs = sum(comb(n, 2) for n in Counter(truth).values())
    return (
        together / predicted_pairs if predicted_pairs else 1.0,
        together / true_pairs if true_pairs else 1.0,
    )


def organisation(
    employees: int, seed: int, out: Path
) -> tuple[list[Contact], list[Contact], list[int]]:
    """The directory's lines, the exports' lines and the true person of each export line."""
    org = generate_organisation(employees=employees, seed=seed)
    back = read_back(org, write_exports(org, out))
    return back.directory, back.contacts, back.truth


def weakties_clusters(directory: list[Contact], contacts: list[Contact]) -> tuple[list[int], float]:
    """weakties' person per export line, and the CPU seconds it took."""
    start = time.process_time()
    index = PersonIndex()
    for contact in directory:
        index.resolve(contact)
    keys = [index.resolve(contact).key for contact in contacts]
    return keys, time.process_time() - start


def _row(n: int, contact: Contact) -> dict[str, Any]:
    name = parse_name(contact.first_name, contact.last_name)
    emails = [e for e in (normalize_email(v) for v in contact.emails) if e]
    url = normalize_linkedin_url(contact.linkedin_url) if contact.linkedin_url else ""
    return {
        "unique_id": n,
        "first_name": name.given or None,
        "surname": name.core or None,
        "full_name": name.compact or None,
        "company": company_key(contact.company) or None if contact.company else None,
        "position": (contact.position or "").strip().lower() or None,
        "email": emails[0] if emails else None,
        "linkedin": url or None,
    }


def _settings() -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.ExactMatch("company").configure(term_frequency_adjustments=True),
            cl.ExactMatch("position"),
            cl.ExactMatch("email"),
            cl.ExactMatch("linkedin"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("email"),
            block_on("linkedin"),
            block_on("full_name"),
            block_on("surname", "company"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def splink_clusters(
    directory: list[Contact], contacts: list[Contact], thresholds: list[float]
) -> tuple[dict[float, list[int]], float]:
    """Splink's cluster per export line at each threshold, and the CPU seconds it took."""
    import logging

    import pyarrow as pa
    from splink import DuckDBAPI, Linker, block_on

    logging.getLogger("splink").setLevel(logging.WARNING)
    start = time.process_time()
    rows = [_row(n, c) for n, c in enumerate([*directory, *contacts])]
    db_api = DuckDBAPI()
    table = db_api.register(pa.Table.from_pylist(rows), dataset_display_name="records")
    linker = Linker(table, _settings(), log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("linkedin"), block_on("email")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("full_name"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("company"))
    predictions = linker.inference.predict(threshold_match_probability=min(thresholds))
    found: dict[float, list[int]] = {}
    offset = len(directory)
    for threshold in thresholds:
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold
        )
        relation = clusters.as_duckdbpyrelation()
        by_id = dict(relation.select("unique_id, cluster_id").fetchall())
        found[threshold] = [by_id[offset + i] for i in range(len(contacts))]
    return found, time.process_time() - start


def _line(label: str, scores: tuple[float, float], seconds: float, records: int) -> str:
    precision, recall = scores
    ahead = precision >= TARGET_PRECISION and recall >= TARGET_RECALL
    return (
        f"   {label:<22} precision {precision:.4f}  recall {recall:.4f}"
        f"   {records / seconds:>9,.0f} records/s (CPU {seconds:,.1f} s)"
        + ("   targets met" if ahead else "")
    )


def measure(employees: int, seed: int, thresholds: list[float], with_splink: bool) -> None:
    with tempfile.TemporaryDirectory() as out:
        directory, contacts, truth = organisation(employees, seed, Path(out))
    print(
        f"\n== {employees:,} employees, seed {seed}: {len(contacts):,} export lines"
        f" (+ {len(directory):,} directory lines), {len(set(truth)):,} people"
    )
    keys, seconds = weakties_clusters(directory, contacts)
    print(_line("weakties", pairwise(truth, keys), seconds, len(contacts)))
    if not with_splink:
        print("   Splink                 not run (--no-splink, or not installed: make install)")
        return
    found, seconds = splink_clusters(directory, contacts, thresholds)
    for threshold, clusters in found.items():
        print(_line(f"Splink 5 at {threshold}", pairwise(truth, clusters), seconds, len(contacts)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 1000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.9, 0.95])
    parser.add_argument("--no-splink", action="store_true", help="measure weakties only")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    try:
        import splink  # noqa: F401

        with_splink = not args.no_splink
    except ImportError:
        with_splink = False
    print(f"targets: precision ≥ {TARGET_PRECISION}, recall ≥ {TARGET_RECALL}")
    for employees in args.sizes:
        for seed in args.seeds:
            measure(employees, seed, args.thresholds, with_splink)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
