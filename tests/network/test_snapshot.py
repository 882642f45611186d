"""The snapshot's build rules, lookups and conversions."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

from weakties.network import NetworkSnapshot

from .graphs import edge_lists


def small() -> NetworkSnapshot:
    return NetworkSnapshot.from_edges(
        [101, 102, 103],
        [900, 901, 902, 903],
        src=[0, 0, 1, 2, 3, 4, 1],
        dst=[1, 3, 4, 5, 4, 4, 0],
        weight=[1.0, 2.0, 1.0, 1.0, 3.0, 9.0, 4.0],
        employee_groups={"department": ([0, 0, 1], ["Sales", "IT"])},
        person_groups={
            "company": ([0, 0, 1, -1], ["Acme", "Bolt"]),
            "function": ([0, 1, -1, 1], ["sales", "Engineering"]),
        },
    )


def test_self_loops_are_dropped_and_duplicates_summed_in_either_direction():
    snap = small()
    assert snap.n_edges == 5  # 0-1 (twice), 0-3, 1-4, 2-5, 3-4; 4-4 dropped
    assert snap.edge_src.tolist() == [0, 0, 1, 2, 3]
    assert snap.edge_dst.tolist() == [1, 3, 4, 5, 4]
    assert snap.edge_weight.tolist() == [5.0, 2.0, 1.0, 1.0, 3.0]
    assert snap.input_edge.tolist() == [0, 1, 2, 3, 4, -1, 0]


def test_csr_is_symmetric_sorted_and_consistent_with_the_tie_list():
    snap = small()
    A = snap.to_scipy()
    assert (A != A.T).nnz == 0
    for i in range(snap.n_nodes):
        nb = snap.neighbors(i)
        assert np.all(np.diff(nb) > 0)
    assert snap.indptr.dtype == np.int32 and snap.indices.dtype == np.int32
    assert snap.weights.dtype == np.float64
    np.testing.assert_array_equal(snap.indices[snap.twin[snap.twin]], snap.indices)
    np.testing.assert_array_equal(snap.rows[snap.twin], snap.indices)
    np.testing.assert_array_equal(snap.edge_weight[snap.edge_id], snap.weights)
    assert snap.degree().tolist() == [2, 2, 1, 2, 2, 1, 0]
    assert snap.weighted_degree()[0] == 7.0


@settings(max_examples=100, deadline=None)
@given(edge_lists())
def test_snapshot_equals_networkx_simple_graph_of_the_same_ties(data):
    n, src, dst, w = data
    snap = NetworkSnapshot.from_edges(np.arange(n), [], src, dst, w)
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from((a, b) for a, b in zip(src, dst, strict=True) if a != b)
    assert snap.n_edges == G.number_of_edges()
    for v in range(n):
        assert sorted(G[v]) == snap.neighbors(v).tolist()
    total = sum(x for a, b, x in zip(src, dst, w, strict=True) if a != b)
    assert snap.edge_weight.sum() == pytest.approx(total)


def test_arrays_are_read_only_and_attributes_cannot_be_set():
    snap = small()
    with pytest.raises(ValueError):
        snap.weights[0] = 5.0
    with pytest.raises(AttributeError):
        snap.indices = np.zeros(3)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"src": [0, 7], "dst": [1, 1]}, "outside 0..3"),
        ({"src": [0], "dst": [1, 2]}, "differ in length"),
        ({"src": [0], "dst": [1], "weight": [-1.0]}, "finite and >= 0"),
        ({"src": [0], "dst": [1], "weight": [np.nan]}, "finite and >= 0"),
        ({"src": [0], "dst": [1], "weight": [1.0, 2.0]}, "weight has 2 values"),
        (
            {"src": [], "dst": [], "employee_groups": {"dept": ([0], ["A"])}},
            "1 codes for 2 employees",
        ),
        ({"src": [], "dst": [], "person_groups": {"co": ([0, 5], ["A"])}}, "outside -1..0"),
    ],
)
def test_bad_input_is_rejected_with_a_message_saying_what_and_where(kwargs, message):
    with pytest.raises(ValueError, match=message):
        NetworkSnapshot.from_edges([1, 2], [3, 4], **kwargs)


def test_repeated_external_ids_are_rejected():
    with pytest.raises(ValueError, match="unique"):
        NetworkSnapshot.from_edges([1, 1], [], [], [])


def test_lookups_by_external_id():
    snap = small()
    assert snap.nodes_of_employees([103, 101, 555]).tolist() == [2, 0, -1]
    assert snap.nodes_of_people([903, 900]).tolist() == [6, 3]
    assert int(snap.person_node(1)) == 4


def test_groups_labels_and_shared_codes_join_by_label():
    snap = small()
    assert snap.group("company").label_of(2) == "Bolt"
    assert snap.group("company").label_of(3) is None
    assert snap.group("company").sizes().tolist() == [2, 1]
    assert snap.node_codes("department", "employee").tolist() == [0, 0, 1, -1, -1, -1, -1]
    with pytest.raises(KeyError, match="region"):
        snap.group("region")
    emp = {"function": ([0, 1, -1], ["Sales", "Finance"])}
    snap2 = NetworkSnapshot.from_edges(
        [1, 2, 3],
        [4, 5, 6, 7],
        [],
        [],
        employee_groups=emp,
        person_groups=dict(small().person_groups),
    )
    codes, labels = snap2.shared_codes("function", "function")
    assert labels == ("Sales", "Finance", "Engineering")
    # "sales" (people) joins "Sales" (employees) case-insensitively
    assert codes.tolist() == [0, 1, -1, 0, 2, -1, 2]


def test_aggregate_ties_combines_rows_merged_into_one_tie():
    snap = small()
    rows = [10.0, 20.0, np.nan, 1.0, 2.0, 99.0, 30.0]  # row 5 is the dropped self-loop
    assert snap.aggregate_ties(rows, "max").tolist()[0] == 30.0
    assert snap.aggregate_ties(rows, "min").tolist()[0] == 10.0
    assert snap.aggregate_ties(rows, "sum").tolist()[0] == 40.0
    assert snap.aggregate_ties(rows, "mean").tolist()[0] == 20.0
    assert np.isnan(snap.aggregate_ties(rows, "max")[2])  # only NaN for tie 1-4
    with pytest.raises(ValueError, match="7 input ties"):
        snap.aggregate_ties([1.0])


def test_with_weights_keeps_structure_and_replaces_weights():
    snap = small()
    new = snap.with_weights(np.arange(snap.n_edges, dtype=float))
    np.testing.assert_array_equal(new.indices, snap.indices)
    np.testing.assert_array_equal(new.weights, new.edge_weight[new.edge_id])
    assert snap.edge_weight[0] == 5.0  # the original is untouched
    with pytest.raises(ValueError):
        snap.with_weights([1.0])


def test_to_igraph_has_the_same_ties_and_weights():
    snap = small()
    g = snap.to_igraph()
    assert g.vcount() == snap.n_nodes and g.ecount() == snap.n_edges
    assert [e.tuple for e in g.es] == list(
        zip(snap.edge_src.tolist(), snap.edge_dst.tolist(), strict=True)
    )
    assert g.es["weight"] == snap.edge_weight.tolist()
    assert "weight" not in snap.to_igraph(weighted=False).es.attributes()


def test_subgraph_employees_keeps_only_ties_among_employees():
    snap = small()
    sub = snap.subgraph_employees()
    assert sub.n_nodes == 3 and sub.n_people == 0
    assert list(zip(sub.edge_src.tolist(), sub.edge_dst.tolist(), strict=True)) == [(0, 1)]
    assert sub.edge_weight.tolist() == [5.0]
    assert sub.employee_groups["department"].labels == ("Sales", "IT")


def test_empty_snapshot_works():
    snap = NetworkSnapshot.from_edges([], [], [], [])
    assert snap.n_nodes == 0 and snap.n_edges == 0
    assert snap.degree().size == 0
    assert snap.to_scipy().shape == (0, 0)
    assert snap.subgraph_employees().n_nodes == 0
