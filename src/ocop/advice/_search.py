"""The exact search: one choice per group, the band reached, the objective least.

A dynamic programme over the groups (in sheet order) on the exact integer sum of the
members' totals: the average reaches the band's lower bound exactly when that sum reaches
``n × lower`` (rounded up), so no fraction is compared. Every group's choices already meet
the per-star minimums of its criteria (:mod:`ocop.advice._problem`), so a path through the
programme meets them all. For each reachable gain it keeps the least ``(cost, criteria
raised)``; the plan is then the reachable gain that is at least what the band needs with
the least ``(cost, criteria raised, gain)``: without costs (cost 0 everywhere) the fewest
criteria raised, then the fewest points above what is needed. The order is total on those
keys; among plans equal on all of them the first met in sheet order is kept (only a
strictly better one replaces it), so the same request always gives the same plan.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from ocop.advice._problem import Choice, Problem

__all__ = ["Found", "search"]


@attrs.frozen
class Found:
    """The optimum: the choices taken (raises only) and the gain in the sum of totals;
    or, when no plan reaches the band, ``choices`` is ``None`` and ``best`` is the most
    the sum can gain."""

    choices: tuple[Choice, ...] | None
    gain: int
    cost: Fraction
    best: int


def search(problem: Problem) -> Found:
    """The optimal plan of *problem* (see the module's docstring)."""
    need = max(problem.needed - problem.total, 0)
    Key = tuple[Fraction, int]
    # layer[g][gain] = (key, gain before group g, index of the choice taken in group g)
    layers: list[dict[int, tuple[Key, int, int]]] = []
    states: dict[int, Key] = {0: (Fraction(0), 0)}
    for group in problem.groups:
        nxt: dict[int, tuple[Key, int, int]] = {}
        for gain in sorted(states):
            cost, count = states[gain]
            for i, choice in enumerate(group.choices):
                key = (cost + choice.cost, count + len(choice.raises))
                total = gain + choice.delta
                held = nxt.get(total)
                if held is None or key < held[0]:
                    nxt[total] = (key, gain, i)
        layers.append(nxt)
        states = {gain: entry[0] for gain, entry in nxt.items()}
    reachable = [g for g in states if g >= need]
    if not reachable:
        return Found(choices=None, gain=0, cost=Fraction(0), best=max(states, default=0))
    gain = min(reachable, key=lambda g: (*states[g], g))
    taken: list[Choice] = []
    at = gain
    for group, layer in zip(reversed(problem.groups), reversed(layers), strict=True):
        _, before, i = layer[at]
        taken.append(group.choices[i])
        at = before
    taken.reverse()
    return Found(
        choices=tuple(c for c in taken if c.raises),
        gain=gain,
        cost=states[gain][0],
        best=max(states),
    )
