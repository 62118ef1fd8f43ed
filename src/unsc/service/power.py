"""Voting power of the Council on a day, or of any weighted game: the view both edges print."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from unsc.core.errors import IncompleteCouncilError
from unsc.core.power import INDICES, PowerError, WeightedGame, power_indices

__all__ = ["DEFINITIONS", "LIMIT", "parse_weights", "power_view"]

LIMIT = 50_000_000
"""Players times total weight above which a game is refused: the counting tables' size."""

DEFINITIONS: dict[str, str] = {
    "shapley_shubik": "Shapley and Shubik (1954), American Political Science Review 48: 787-792",
    "banzhaf": "Penrose (1946), JRSS 109: 53-57; Banzhaf (1965), Rutgers Law Review 19: 317-343",
    "banzhaf_normalised": "Banzhaf (1965), Rutgers Law Review 19: 317-343 (swings shared out)",
    "johnston": "Johnston (1978), Environment and Planning A 10: 907-914",
    "deegan_packel": "Deegan and Packel (1978), International Journal of Game Theory 7: 113-123",
    "holler": "Holler (1982), Political Studies 30: 262-271 (public good index)",
    "coleman_prevent": "Coleman (1971), in Lieberman (ed.), Social Choice: 269-300",
    "coleman_initiate": "Coleman (1971), in Lieberman (ed.), Social Choice: 269-300",
}
"""The published source of each index's definition."""


def parse_weights(text: str, option: str = "--weights") -> list[int]:
    """Weights written as whole numbers separated by commas, e.g. ``7,7,1,1``."""
    parts = [p.strip() for p in text.split(",")]
    try:
        weights = [int(p) for p in parts]
    except ValueError:
        raise PowerError(
            f"{option} {text!r}: give whole numbers separated by commas, e.g. 7,7,7,1,1"
        ) from None
    if any(w < 0 for w in weights):
        raise PowerError(f"{option} {text!r}: weights must be whole numbers of 0 or more")
    return weights


def _number(value: Fraction, *, as_float: bool) -> dict[str, Any]:
    return {"exact": None if as_float else str(value), "value": float(value)}


def power_view(
    *,
    day: dt.date | None = None,
    weights: Sequence[int] | None = None,
    quota: int | None = None,
    names: Sequence[str] | None = None,
    indices: Sequence[str] = (),
    as_float: bool = False,
) -> dict[str, Any]:
    """Each member's power: the Council that sat on ``day``, or the weighted game given.

    The Council's game is its binary rule on that day (the threshold of affirmative
    votes, every permanent member among them: Charter Art. 27(3)); a weighted game is
    ``quota`` of the ``weights``. ``indices`` empty means every index.
    """
    chosen = list(dict.fromkeys(indices)) or list(INDICES)
    for name in chosen:
        if name not in INDICES:
            raise PowerError(f"unknown index {name!r}: give one of {', '.join(INDICES)}")
    members: list[dict[str, Any]]
    view: dict[str, Any]
    if weights is not None:
        if quota is None:
            raise PowerError("--weights needs --quota: the weight a coalition needs to win")
        if names is not None and len(names) != len(weights):
            raise PowerError(
                f"{len(names)} names for {len(weights)} weights: give one name a weight"
            )
        game = WeightedGame.weighted(weights, quota, names)
        if len(weights) * sum(weights) > LIMIT:
            raise PowerError(
                f"{len(weights)} players of total weight {sum(weights)} are too many to count "
                f"here (players x total weight above {LIMIT:,}): give smaller weights"
            )
        members = [{"name": n, "weight": w} for n, w in zip(game.names, game.weights, strict=True)]
        view = {"game": "weighted", "quota": quota, "total_weight": sum(game.weights)}
        citations: list[dict[str, Any]] = []
    else:
        from unsc.service.record import bundled_law, today

        council = bundled_law().on(day or today())
        if not council.is_complete:
            raise IncompleteCouncilError(
                f"the Council of {council.day.isoformat()} has {council.unknown_seats} elected "
                "seats not in the bundled data (elected after the last known election), and "
                "power needs every member: give an earlier date"
            )
        people = council.members
        game = WeightedGame.council(
            [m.name for m in people], [m.permanent for m in people], council.threshold
        )
        members = [{"name": m.name, "iso3": m.iso3, "permanent": m.permanent} for m in people]
        view = {
            "game": "council",
            "date": council.day.isoformat(),
            "seats": council.seats,
            "quota": council.threshold,
            "rule": (
                f"{council.threshold} affirmative votes of {council.seats}, every permanent "
                "member among them (Charter Art. 27(3)); an abstention counts as not voting yes"
            ),
        }
        citations = [c.to_dict() for c in council.citations]
    result = power_indices(game, chosen)
    for i, member in enumerate(members):
        for name in chosen:
            member[name] = _number(result.values[name][i], as_float=as_float)
    view.update(
        {
            "indices": chosen,
            "members": members,
            "winning_coalitions": result.winning,
            "collectivity": _number(result.collectivity, as_float=as_float),
            "definitions": {name: DEFINITIONS[name] for name in chosen},
            "citations": citations,
        }
    )
    return view
