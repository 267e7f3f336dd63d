"""Informal influence: weighted PageRank over "who listens to whom", with scipy sparse matrices.

Influence links point from the person who sways to the person swayed. PageRank rewards a node
that receives edges from high-ranking nodes, so the graph is built the other way round: every
edge goes from the listener to the person they listen to. A person whom influential people
listen to then ranks high. Reports listen to their managers (solid and dotted lines), and people
who share interactions listen to each other a little (symmetric, log-damped by the count).
`opposes` links carry no influence and are left out.

`informal_shares` turns the PageRank into the 0..1 share the influence score uses (docs/analysis.md §1):
outside people do not set its scale, and the influence links add listening to the reporting lines and
shared interactions without taking away what those show (review rev2, finding 2), and whoever listens to a
person passes them the standing the listener is shown with (`_heard_from_standing`, the s39 coach).
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
    return (_structure_graph(snapshot, index, contacts, settings) + _links_graph(snapshot, index)).tocsr()


def _edges(n: int, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray) -> sparse.csr_matrix:
    keep = (rows >= 0) & (cols >= 0) & (rows != cols)
    return sparse.csr_matrix((vals[keep], (rows[keep], cols[keep])), shape=(n, n), dtype=np.float64)


def _links_graph(snapshot: MapSnapshot, index: dict[int, int]) -> sparse.csr_matrix:
    """The influence links: the person swayed listens to the one who sways them (link strength 1–3)."""
    ids = person_ids(snapshot)
    links = [link for link in snapshot.links if link.kind != "opposes"]
    speaker = positions(ids, np.fromiter((link.source for link in links), dtype=np.int64, count=len(links)))
    listener = positions(ids, np.fromiter((link.target for link in links), dtype=np.int64, count=len(links)))
    strength = np.fromiter((link.strength for link in links), dtype=np.float64, count=len(links))
    return _edges(len(index), listener, speaker, strength)


def _structure_graph(
    snapshot: MapSnapshot, index: dict[int, int], contacts: ContactIndex, settings: AnalysisSettings
) -> sparse.csr_matrix:
    """The reporting lines (a report listens to their solid-line manager, less to dotted-line ones) and the
    shared interactions."""
    n = len(index)
    ids = person_ids(snapshot)
    lines = [
        (p.id, p.reports_to, settings.reporting_edge_weight)
        for p in snapshot.people
        if p.reports_to is not None
    ]
    lines += [(p.id, m, settings.dotted_edge_weight) for p in snapshot.people for m in p.dotted_managers]
    report = positions(ids, np.fromiter((r for r, _, _ in lines), dtype=np.int64, count=len(lines)))
    manager = positions(ids, np.fromiter((m for _, m, _ in lines), dtype=np.int64, count=len(lines)))
    line_weight = np.fromiter((w for _, _, w in lines), dtype=np.float64, count=len(lines))
    graph = _edges(n, report, manager, line_weight)
    shared = _shared_interactions(contacts, n, settings)
    return graph if shared is None else (graph + shared).tocsr()


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


def _listened_to(graph: sparse.csr_matrix, settings: AnalysisSettings) -> np.ndarray:
    """PageRank as the linear system y = (1 − d)·1 + d·Pᵀy, by power iteration (P = W with its rows summed
    to 1; a person who listens to nobody passes nothing on). y ≥ 1 − d, and y = 1 − d exactly for a person
    nobody listens to. y / sum(y) is the standard PageRank with the dangling nodes' mass spread evenly
    (Langville & Meyer, "Deeper inside PageRank", Internet Math. 1(3), 2004; Del Corso, Gullì & Romani,
    "Fast PageRank computation via a sparse linear system", Internet Math. 2(3), 2005), but y, unlike the
    normalised vector, does not move when someone who is not on a person's listening paths joins the map."""
    n = graph.shape[0]
    out = np.asarray(graph.sum(axis=1)).ravel()
    inv = np.zeros(n)
    inv[out > 0] = 1.0 / out[out > 0]
    transition_t = (sparse.diags(inv) @ graph).T.tocsr()
    d = settings.pagerank_damping
    flow = np.ones(n)
    for _ in range(settings.pagerank_max_iter):
        new = (1.0 - d) + d * (transition_t @ flow)
        done = np.abs(new - flow).sum() < n * settings.pagerank_tolerance
        flow = new
        if done:
            break
    return flow


def pagerank(graph: sparse.csr_matrix, settings: AnalysisSettings) -> np.ndarray:
    """Stationary PageRank vector (sums to 1); dangling mass spread evenly (`_listened_to`, normalised)."""
    if graph.shape[0] == 0:
        return np.zeros(0)
    flow = _listened_to(graph, settings)
    return flow / flow.sum()


def _shares(graph: sparse.csr_matrix, customer: np.ndarray, settings: AnalysisSettings) -> np.ndarray:
    """0 = nobody listens to them, 1 = the customer's most listened-to person; outside people clipped at 1."""
    above = _listened_to(graph, settings) - (1.0 - settings.pagerank_damping)
    top = float(above[customer].max()) if customer.any() else float(above.max())
    if top <= 1e-12:
        return np.zeros(graph.shape[0])
    return np.clip(above / top, 0.0, 1.0)


def informal_shares(
    snapshot: MapSnapshot, index: dict[int, int], contacts: ContactIndex, settings: AnalysisSettings
) -> np.ndarray:
    """Informal influence per person (in `index` order), 0..1: the larger of their PageRank share over the
    whole listening graph and over the reporting lines and shared interactions alone. Each share is
    0 for a person nobody listens to and 1 for the most listened-to of the customer's own people
    (outside people do not set the scale; one who outranks them all counts 1).

    Why the larger: PageRank divides each listener's attention among the people they listen to, so a
    recorded influence link took rank away from the listener's manager, and a report who advises their
    own manager closed a loop that trapped the rank (review rev2, finding 2: five ordinary links took a
    chairman from the top of the map to below his general manager). Influence links are evidence of more
    listening; they add to what the org chart shows and never take it away."""
    n = len(index)
    if n == 0:
        return np.zeros(0)
    customer = np.fromiter((not p.external for p in snapshot.people), dtype=bool, count=n)
    structure = _structure_graph(snapshot, index, contacts, settings)
    links = _links_graph(snapshot, index)
    if links.nnz == 0:
        return _shares(structure, customer, settings)
    graph = (structure + links).tocsr()
    return _heard_from_standing(
        graph,
        np.maximum(_shares(graph, customer, settings), _shares(structure, customer, settings)),
        settings,
    )


def _heard_from_standing(
    graph: sparse.csr_matrix, shares: np.ndarray, settings: AnalysisSettings
) -> np.ndarray:
    """The least shares s ≥ `shares` with s_j ≥ d · Σ_i P_ij · s_i (capped at 1): whoever listens to a person passes
    them damping × their attention × the standing they are shown with, as PageRank's own equation does
    (y_j = (1 − d) + d · Σ_i P_ij · y_i, `_listened_to`), but from the listener's shown share, not from the rank
    the whole graph left them. Two people who listen to each other trap rank (Page, Brin, Motwani & Winograd 1999,
    §2.4 "rank sink"): they set the scale, and the chairman, whose own rank a link of his general manager had
    diverted and the reporting lines give back (`informal_shares`), passed on only that diverted rank — the s39
    coach saw 孙丽, whom the chairman listens to, at 8 of 35 while 张伟, whom the general manager listens to and who
    advises him back, had 27. Monotone and bounded, so the iteration from `shares` converges."""
    out = np.asarray(graph.sum(axis=1)).ravel()
    inv = np.zeros(graph.shape[0])
    inv[out > 0] = 1.0 / out[out > 0]
    transition_t = (sparse.diags(inv) @ graph).T.tocsr()
    d = settings.pagerank_damping
    standing = shares
    for _ in range(settings.pagerank_max_iter):
        new = np.maximum(shares, np.minimum(1.0, d * (transition_t @ standing)))
        done = np.abs(new - standing).sum() < len(standing) * settings.pagerank_tolerance
        standing = new
        if done:
            break
    return standing
