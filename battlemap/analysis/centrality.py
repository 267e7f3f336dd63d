"""Informal influence: weighted PageRank over "who listens to whom", with scipy sparse matrices.

Influence links point from the person who sways to the person swayed. PageRank rewards a node
that receives edges from high-ranking nodes, so the graph is built the other way round: every
edge goes from the listener to the person they listen to. A person whom influential people
listen to then ranks high. Reports listen to their managers (solid and dotted lines), and people
who share interactions listen to each other a little (symmetric, log-damped by the count).
`opposes` links carry no influence and are left out.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from .contacts import ContactIndex, person_ids, positions
from .settings import AnalysisSettings
from .types import MapSnapshot


def listening_graph(
    snapshot: MapSnapshot, index: dict[int, int], contacts: ContactIndex, settings: AnalysisSettings
) -> sparse.csr_matrix:
    """Sparse n×n matrix W where W[i, j] = how much person i listens to person j."""
    n = len(index)
    ids = person_ids(snapshot)
    links = [link for link in snapshot.links if link.kind != "opposes"]
    speaker = positions(ids, np.fromiter((link.source for link in links), dtype=np.int64, count=len(links)))
    listener = positions(ids, np.fromiter((link.target for link in links), dtype=np.int64, count=len(links)))
    strength = np.fromiter((link.strength for link in links), dtype=np.float64, count=len(links))
    # reporting lines: a report listens to their solid-line manager, less to dotted-line ones
    lines = [
        (p.id, p.reports_to, settings.reporting_edge_weight)
        for p in snapshot.people
        if p.reports_to is not None
    ]
    lines += [(p.id, m, settings.dotted_edge_weight) for p in snapshot.people for m in p.dotted_managers]
    report = positions(ids, np.fromiter((r for r, _, _ in lines), dtype=np.int64, count=len(lines)))
    manager = positions(ids, np.fromiter((m for _, m, _ in lines), dtype=np.int64, count=len(lines)))
    line_weight = np.fromiter((w for _, _, w in lines), dtype=np.float64, count=len(lines))

    rows = np.concatenate([listener, report])
    cols = np.concatenate([speaker, manager])
    vals = np.concatenate([strength, line_weight])
    keep = (rows >= 0) & (cols >= 0) & (rows != cols)
    graph = sparse.csr_matrix((vals[keep], (rows[keep], cols[keep])), shape=(n, n), dtype=np.float64)
    shared = _shared_interactions(contacts, n, settings)
    if shared is not None:
        graph = graph + shared
    return graph.tocsr()


def _shared_interactions(
    contacts: ContactIndex, n: int, settings: AnalysisSettings
) -> sparse.csr_matrix | None:
    if settings.interaction_edge_weight <= 0 or not len(contacts.rows):
        return None
    k = int(contacts.rows.max()) + 1
    incidence = sparse.csr_matrix(
        (np.ones(len(contacts.rows), dtype=np.float64), (contacts.rows, contacts.cols)), shape=(k, n)
    )
    incidence.data[:] = 1.0  # one person listed twice in an interaction counts once
    together = (incidence.T @ incidence).tocoo()
    keep = together.row != together.col
    weights = np.log1p(together.data[keep]) * settings.interaction_edge_weight
    return sparse.csr_matrix((weights, (together.row[keep], together.col[keep])), shape=(n, n))


def pagerank(graph: sparse.csr_matrix, settings: AnalysisSettings) -> np.ndarray:
    """Stationary PageRank vector (sums to 1) by power iteration; dangling mass spread evenly."""
    n = graph.shape[0]
    if n == 0:
        return np.zeros(0)
    out = np.asarray(graph.sum(axis=1)).ravel()
    dangling = out == 0
    inv = np.zeros(n)
    inv[~dangling] = 1.0 / out[~dangling]
    transition_t = (sparse.diags(inv) @ graph).T.tocsr()
    d = settings.pagerank_damping
    rank = np.full(n, 1.0 / n)
    for _ in range(settings.pagerank_max_iter):
        new = d * (transition_t @ rank + rank[dangling].sum() / n) + (1.0 - d) / n
        done = np.abs(new - rank).sum() < n * settings.pagerank_tolerance
        rank = new
        if done:
            break
    return rank / rank.sum()
