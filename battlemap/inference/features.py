"""Per-person signals of standing, computed from the communication graph.

Each signal is a number per person where "higher" is the direction the name says; `rank_normalise` turns
them into percentiles so that organisations of any size and mail volume combine the same way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse.linalg import LinearOperator, eigsh, spsolve
from scipy.stats import rankdata

from battlemap.inference.graph import MailGraph

FEATURES = (
    "received_from_distinct",  # how many different colleagues write to them
    "wrote_to_distinct",
    "received",
    "sent",
    "pagerank",  # attention flowing to them, weighted by who sends it
    "spring_rank",  # who is written "up" to (SpringRank, De Bacco et al. 2018)
    "reply_speed_gap",  # others answer them faster than they answer others
    "unanswered_share",  # share of colleagues writing to them whom they never write back to
    "received_per_sent",
    "authority",  # HITS authority: written to by people who write to many
    "hub",
    "two_hop",  # sum over their correspondents of how many colleagues write to those correspondents
    "pagerank_unweighted",
    "pagerank_reversed",
    "betweenness",  # bridges between groups
    "months_active",
    "received_from_distinct_small",  # distinct senders on messages with few recipients (no broadcasts)
    # whom one deals with, not how much (see `relational_features`):
    "senior_senders",  # distinct senior colleagues who write to them
    "senior_cc",  # seniority summed over the colleagues who copy them on multi-recipient threads
    "correspondent_seniority",  # mean seniority of the colleagues they write to
    "sender_seniority",  # mean seniority of the colleagues who write to them
    "replies_received_per_sent",  # replies they get against replies they write
    "broadcasts",  # announcements: messages they send to many colleagues at once
)
# The volume-free first look at standing that the relational signals weigh correspondents by.
ANCHOR_FEATURES = ("authority", "two_hop", "received_from_distinct_small", "reply_speed_gap")
SENIOR_PERCENTILE = 0.8  # "senior" correspondents: the top fifth by that first look
BROADCAST_RECIPIENTS = 5
# Where a known title level puts a person on the 0..1 standing scale when too few titles are known to
# place levels by the mail itself (levels of battlemap.inference.titles); a chief executive or chair by
# title stands above everyone the mail alone ranks.
LEVEL_PERCENTILE = {8: 1.1, 7: 1.05, 6: 0.92, 5: 0.82, 4: 0.68, 3: 0.52, 2: 0.38, 1: 0.18}
MIN_KNOWN_FOR_QUANTILES = 5
MIN_LEVEL_GAP = 0.03  # standing between two title levels: more than the mail's tiebreak (±0.01) can move
SMALL_MESSAGE_RECIPIENTS = 10
BETWEENNESS_SAMPLE_ABOVE = 400  # nodes; above this, betweenness is estimated from a fixed sample


@dataclass(frozen=True, slots=True)
class FeatureTable:
    people: list[str]
    values: dict[str, np.ndarray]
    reply_hours_to: dict[str, float]  # median hours others take to answer this person
    reply_hours_by: dict[str, float]  # median hours this person takes to answer others
    fast_reply_share: dict[str, float]  # share of replies to this person within FAST_REPLY_HOURS
    reply_counts: dict[str, int]  # replies this person received

    def matrix(self, names: tuple[str, ...] = FEATURES) -> np.ndarray:
        return np.column_stack([rank_normalise(self.values[n]) for n in names])


FAST_REPLY_HOURS = 2.0
SPRING_REGULARISER = 1.0


def rank_normalise(values: np.ndarray) -> np.ndarray:
    """Percentile ranks in (0, 1]; ties share their average rank."""
    if len(values) == 0:
        return values.astype(float)
    return rankdata(values, method="average") / len(values)


def spring_rank(graph: nx.DiGraph, people: list[str], regulariser: float = SPRING_REGULARISER) -> np.ndarray:
    """Scores s minimising sum_ij A_ij (s_j - s_i - 1)^2 + reg |s|^2, where A_ij counts messages i -> j:
    a message is read as written "up" from i to j, so people written to more than they write score higher."""
    index = {p: i for i, p in enumerate(people)}
    n = len(people)
    if n == 0:
        return np.zeros(0)
    rows, cols, data = [], [], []
    for u, v, w in graph.edges(data="weight"):
        rows.append(index[u])
        cols.append(index[v])
        data.append(float(w))
    a = sparse.csr_matrix((data, (rows, cols)), shape=(n, n))
    out_w = np.asarray(a.sum(axis=1)).ravel()
    in_w = np.asarray(a.sum(axis=0)).ravel()
    laplacian = sparse.diags(out_w + in_w + regulariser) - (a + a.T)
    return np.asarray(spsolve(laplacian.tocsc(), in_w - out_w)).ravel()


def _reply_stats(
    graph: MailGraph,
) -> tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, int]]:
    to: dict[str, list[float]] = defaultdict(list)
    by: dict[str, list[float]] = defaultdict(list)
    for replier, replied_to, hours in graph.replies:
        to[replied_to].append(hours)
        by[replier].append(hours)
    median_to = {p: float(np.median(h)) for p, h in to.items()}
    median_by = {p: float(np.median(h)) for p, h in by.items()}
    fast = {p: float(np.mean(np.asarray(h) <= FAST_REPLY_HOURS)) for p, h in to.items()}
    return median_to, median_by, fast, {p: len(h) for p, h in to.items()}


def anchored_standing(base: np.ndarray, people: list[str], levels: dict[str, int]) -> np.ndarray:
    """`base` (percentiles) with every person of known title level moved to where that level belongs.

    With enough known titles (at least `MIN_KNOWN_FOR_QUANTILES`, two levels or more), the known people
    take the base values of the known people in the order of their levels (ties share the mean rank):
    titles reorder, the mail keeps the scale. Otherwise — or when the mail tells the known people nobody apart,
    leaving no scale to keep — a level takes its place in `LEVEL_PERCENTILE`."""
    out = base.astype(float).copy()
    known = [i for i, p in enumerate(people) if p in levels]
    if not known:
        return out
    level = np.array([levels[people[i]] for i in known], dtype=float)
    spread = float(np.ptp(base[known])) > 1e-9
    if len(known) >= MIN_KNOWN_FOR_QUANTILES and len(set(level.tolist())) > 1 and spread:
        sorted_base = np.sort(base[known])
        order = rankdata(level, method="average")
        placed = np.interp(order, np.arange(1, len(known) + 1), sorted_base)
        # each level stays MIN_LEVEL_GAP above the one below, so mail (TITLE_TIEBREAK) never reorders
        # levels even where the mail scores tie at the top of the scale
        floor = -np.inf
        for value in sorted(set(level.tolist())):
            at = level == value
            placed[at] = max(float(placed[at][0]), floor + MIN_LEVEL_GAP)
            floor = float(placed[at][0])
        out[known] = placed
    else:
        out[known] = [LEVEL_PERCENTILE[int(v)] for v in level]
    return out


def relational_features(mail: MailGraph, people: list[str], standing: np.ndarray) -> dict[str, list[float]]:
    """Signals of whom one deals with, weighed by `standing` (0..1 per person): who writes to them,
    who copies them, whom they write to, the replies they get and the announcements they send."""
    g = mail.graph
    at = {p: i for i, p in enumerate(people)}
    copied_by: dict[str, set[str]] = defaultdict(set)
    broadcasts: dict[str, int] = defaultdict(int)
    for m in mail.messages:
        if len(m.recipients) >= 2:
            for r in m.recipients:
                copied_by[r].add(m.sender)
        # a notice to the whole company is a broadcast though the ingest kept none of its recipients (more than
        # MAIL_BROADCAST_ADDRESSES): its left-out count says how many it reached
        if len(m.recipients) + m.left_out >= BROADCAST_RECIPIENTS:
            broadcasts[m.sender] += 1
    replies_got: dict[str, int] = defaultdict(int)
    replies_sent: dict[str, int] = defaultdict(int)
    for replier, replied_to, _hours in mail.replies:
        replies_sent[replier] += 1
        replies_got[replied_to] += 1
    out: dict[str, list[float]] = {name: [] for name in FEATURES[-6:]}
    for p in people:
        senders = sorted(g.predecessors(p))
        written = sorted(g.successors(p))
        out["senior_senders"].append(float(sum(standing[at[q]] >= SENIOR_PERCENTILE for q in senders)))
        out["senior_cc"].append(float(sum(standing[at[q]] for q in sorted(copied_by[p]) if q in at)))
        out["correspondent_seniority"].append(
            float(np.mean([standing[at[q]] for q in written])) if written else 0.0
        )
        out["sender_seniority"].append(float(np.mean([standing[at[q]] for q in senders])) if senders else 0.0)
        out["replies_received_per_sent"].append(float(np.log1p(replies_got[p]) - np.log1p(replies_sent[p])))
        out["broadcasts"].append(float(broadcasts[p]))
    return out


def compute_features(mail: MailGraph, levels: dict[str, int] | None = None) -> FeatureTable:
    """Every signal per person; `levels` (e-mail → title level) anchors the people whose title is known
    when the relational signals weigh correspondents by their standing."""
    g = mail.graph
    people = mail.people
    pagerank = nx.pagerank(g, weight="weight") if g.number_of_nodes() else {}
    median_to, median_by, fast, counts = _reply_stats(mail)
    default_hours = float(np.median(list(median_to.values()))) if median_to else 0.0
    values: dict[str, list[float]] = {name: [] for name in FEATURES}
    for p in people:
        preds = set(g.predecessors(p))
        succs = set(g.successors(p))
        received = g.in_degree(p, weight="weight")
        sent = g.out_degree(p, weight="weight")
        values["received_from_distinct"].append(len(preds))
        values["wrote_to_distinct"].append(len(succs))
        values["received"].append(received)
        values["sent"].append(sent)
        values["pagerank"].append(pagerank.get(p, 0.0))
        gap = np.log1p(median_by.get(p, default_hours)) - np.log1p(median_to.get(p, default_hours))
        values["reply_speed_gap"].append(float(gap))
        values["unanswered_share"].append(len(preds - succs) / len(preds) if preds else 0.0)
        values["received_per_sent"].append(np.log1p(received) - np.log1p(sent))
    values["spring_rank"] = list(spring_rank(g, people))
    values.update(_structure(mail, people))
    base = np.mean([rank_normalise(np.asarray(values[n], dtype=float)) for n in ANCHOR_FEATURES], axis=0)
    standing = anchored_standing(rank_normalise(base) if people else base, people, levels or {})
    values.update(relational_features(mail, people, standing))
    arrays = {k: np.asarray(v, dtype=float) for k, v in values.items()}
    return FeatureTable(people, arrays, median_to, median_by, fast, counts)


HITS_PRIOR = 0.05  # weight of the uniform prior, relative to the mean in-degree


def regularised_hits(graph: nx.DiGraph, people: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    """HITS hubs and authorities as the leading eigenvectors of A·Aᵀ + εJ and Aᵀ·A + εJ.

    Plain HITS is not unique when the leading eigenvalue repeats (trees, reporting chains, disconnected
    teams: common in one account's mail) and then returns arbitrary mixtures, even negative scores. A small
    uniform prior ε (as PageRank's teleport) makes the matrices positive, so by Perron–Frobenius the answer
    is unique and positive; on a well-connected graph it barely moves the scores."""
    n = len(people)
    if n == 0 or graph.number_of_edges() == 0:
        return {p: 0.0 for p in people}, {p: 0.0 for p in people}
    a = nx.to_scipy_sparse_array(graph, nodelist=people, weight=None, dtype=float, format="csr")
    epsilon = HITS_PRIOR * (a.nnz / n) / n

    def leading(product) -> np.ndarray:  # noqa: ANN001
        operator = LinearOperator((n, n), matvec=lambda v: product(v) + epsilon * np.sum(v), dtype=float)
        if n <= 2:
            dense = np.column_stack([operator.matvec(np.eye(n)[:, i]) for i in range(n)])
            vector = np.linalg.eigh(dense)[1][:, -1]
        else:
            start = np.full(n, 1.0 / np.sqrt(n))  # a fixed start: ARPACK's random one varies run to run
            vector = eigsh(operator, k=1, which="LA", tol=1e-8, maxiter=5000, v0=start)[1][:, 0]
        vector = np.abs(vector)
        return vector / vector.sum()

    authority = leading(lambda v: a.T @ (a @ v))
    hub = leading(lambda v: a @ (a.T @ v))
    return dict(zip(people, hub.tolist(), strict=True)), dict(zip(people, authority.tolist(), strict=True))


def _structure(mail: MailGraph, people: list[str]) -> dict[str, list[float]]:
    g = mail.graph
    plain = nx.DiGraph()
    plain.add_nodes_from(g)
    plain.add_edges_from(g.edges())
    hubs, authorities = regularised_hits(plain, people)
    in_distinct = {p: plain.in_degree(p) for p in people}
    pr_plain = nx.pagerank(plain) if plain.number_of_nodes() else {}
    pr_reversed = nx.pagerank(plain.reverse(copy=False)) if plain.number_of_nodes() else {}
    sample = BETWEENNESS_SAMPLE_ABOVE if plain.number_of_nodes() > BETWEENNESS_SAMPLE_ABOVE else None
    between = nx.betweenness_centrality(plain, k=sample, seed=7) if plain.number_of_nodes() > 2 else {}
    months: dict[str, set[tuple[int, int]]] = defaultdict(set)
    small: dict[str, set[str]] = defaultdict(set)
    for m in mail.messages:
        if m.when is not None:
            stamp = (m.when.year, m.when.month)
            months[m.sender].add(stamp)
            for r in m.recipients:
                months[r].add(stamp)
        if len(m.recipients) <= SMALL_MESSAGE_RECIPIENTS:
            for r in m.recipients:
                small[r].add(m.sender)
    return {
        "authority": [authorities.get(p, 0.0) for p in people],
        "hub": [hubs.get(p, 0.0) for p in people],
        "two_hop": [float(sum(in_distinct[u] for u in plain.predecessors(p))) for p in people],
        "pagerank_unweighted": [pr_plain.get(p, 0.0) for p in people],
        "pagerank_reversed": [pr_reversed.get(p, 0.0) for p in people],
        "betweenness": [between.get(p, 0.0) for p in people],
        "months_active": [float(len(months[p])) for p in people],
        "received_from_distinct_small": [float(len(small[p] - {p})) for p in people],
    }
