"""Voting power of the Council on a day, or of any weighted game: the view both edges print."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from unsc.analysis.power_float import FLOAT_INDICES, float_indices
from unsc.core.errors import IncompleteCouncilError
from unsc.core.law import CouncilOn
from unsc.core.power import INDICES, PowerError, WeightedGame, power_indices
from unsc.core.ternary import TERNARY_INDICES, TernaryCouncil, ternary_power

__all__ = ["DEFINITIONS", "LIMIT", "CouncilRules", "parse_rules", "parse_weights", "power_view"]

LIMIT = 50_000_000
FLOAT_LIMIT = 100_000_000
"""The same limit where every index asked for is computed in floating point (--float)."""
FLOAT_FROM = 100_000
"""Players times total weight from which --float computes in floating point."""
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
    "ternary_shapley_shubik": (
        "Felsenthal and Machover (1997), International Journal of Game Theory 26: 335-351 "
        "(ternary voting games), with their roll-call model, Public Choice 87 (1996): 315-318"
    ),
    "ternary_banzhaf": (
        "Felsenthal and Machover (1997), International Journal of Game Theory 26: 335-351 "
        "(ternary voting games): the probability that the member's choice decides"
    ),
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


class CouncilRules(BaseModel):
    """A council of one's own (a reform, a Model UN committee), as ``--rules FILE`` gives it.

    ``seats``: the members' names, or a count (named Seat 1, Seat 2, ...); ``votes_needed``:
    the affirmative votes a decision needs; ``veto``: the members whose concurrence it also
    needs (Art. 27(3)'s permanent members); ``abstention_vetoes``: whether a veto member's
    abstention blocks it (it does not in the Council's practice since 1946).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    seats: list[str] | int
    votes_needed: int
    veto: list[str] = []
    abstention_vetoes: bool = False

    @property
    def names(self) -> list[str]:
        """The seats' names, Seat 1.. for a count."""
        if isinstance(self.seats, int):
            return [f"Seat {i + 1}" for i in range(self.seats)]
        return [str(name) for name in self.seats]


_FIELD_HELP = {
    "seats": "give the members' names as a list, [A, B, C], or their number, e.g. 15",
    "votes_needed": "give a whole number, e.g. 9",
    "veto": "give a list of the seats' names, e.g. [China, France], or leave it out",
    "abstention_vetoes": "give true or false",
}


def parse_rules(text: str, source: str = "rules") -> CouncilRules:
    """A ``CouncilRules`` read from YAML text; each error names ``source`` and the field."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise PowerError(f"{source}{where} is not YAML: {getattr(e, 'problem', e)}") from None
    if not isinstance(data, dict):
        raise PowerError(
            f"{source}: give a mapping with seats, votes_needed, veto and abstention_vetoes"
        )
    try:
        rules = CouncilRules.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "rules"
        if first["type"] == "missing":
            why = f"field required: {_FIELD_HELP[field]}"
        elif first["type"] == "extra_forbidden":
            why = f"not a field; the fields are {', '.join(_FIELD_HELP)}"
        else:
            why = f"{first['input']!r}: {_FIELD_HELP.get(field, first['msg'])}"
        raise PowerError(f"{source}: {field}: {why}") from None
    names = rules.names
    if not names:
        raise PowerError(f"{source}: seats: give at least one seat")
    if len(names) ** 2 > LIMIT:
        raise PowerError(f"{source}: seats: {len(names)} seats are too many to count here")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise PowerError(f"{source}: seats: {name!r} is named twice; give each seat once")
        seen.add(name)
    if not 1 <= rules.votes_needed <= len(names):
        raise PowerError(
            f"{source}: votes_needed: {rules.votes_needed} is more than the {len(names)} seats"
            if rules.votes_needed > len(names)
            else f"{source}: votes_needed: give a number from 1 to {len(names)}"
        )
    for name in rules.veto:
        if name not in seen:
            raise PowerError(
                f"{source}: veto: {name!r} is not one of the seats; give names from seats"
                + (" (Seat 1, Seat 2, ...)" if isinstance(rules.seats, int) else "")
            )
    return rules


ABSTENTION_NOTE = (
    "abstention_vetoes is true: the yes/no indices are unchanged, since in the yes/no game "
    "an abstention is not a yes and a veto member's abstention already blocks a decision "
    "there as its no does; the abstention-aware (ternary) indices count it as a block"
)


def _ternary(
    game: TernaryCouncil, members: list[dict[str, Any]], chosen: Sequence[str], *, as_float: bool
) -> dict[str, Any]:
    """Adds each member's abstention-aware power; returns the game's own figures."""
    power = ternary_power(game)
    for i, member in enumerate(members):
        for name in chosen:
            if name in TERNARY_INDICES:
                member[name] = _number(power.values[name][i], as_float=as_float)
        member["yes_vs_abstain"] = _number(power.yes_vs_abstain[i], as_float=as_float)
        member["abstain_vs_no"] = _number(power.abstain_vs_no[i], as_float=as_float)
    return {
        "rule": (
            "each member votes yes, abstains or votes no; a veto member's "
            + (
                "abstention blocks a decision as its no does"
                if game.abstention_vetoes
                else "no blocks a decision, its abstention does not (Art. 27(3) in the Council's "
                "practice since 1946; ICJ, Namibia advisory opinion, 1971, para. 22)"
            )
        ),
        "passes": _number(power.passes, as_float=as_float),
    }


def _number(value: Fraction | float, *, as_float: bool) -> dict[str, Any]:
    return {"exact": None if as_float else str(value), "value": float(value)}


def power_view(
    *,
    day: dt.date | None = None,
    weights: Sequence[int] | None = None,
    quota: int | None = None,
    names: Sequence[str] | None = None,
    rules: CouncilRules | None = None,
    indices: Sequence[str] = (),
    as_float: bool = False,
    reform: str | None = None,
    reform_options: Sequence[str] = (),
    session: tuple[str, CouncilOn] | None = None,
) -> dict[str, Any]:
    """Each member's power: the Council that sat on ``day``, or the weighted game given.

    The Council's game is its binary rule on that day (the threshold of affirmative
    votes, every permanent member among them: Charter Art. 27(3)); a weighted game is
    ``quota`` of the ``weights``; ``rules`` a council of one's own (``parse_rules``).
    ``indices`` empty means every index. ``reform``: a bundled reform proposal by name
    (``unsc.service.reform``), with ``reform_options`` as ``KEY=VALUE``. ``session``: a
    live session's title and the council it sits as (its roster, or the real Council).
    """
    every = (*INDICES, *TERNARY_INDICES)
    chosen = list(dict.fromkeys(indices)) or list(every)
    for name in chosen:
        if name not in every:
            raise PowerError(f"unknown index {name!r}: give one of {', '.join(every)}")
    ternary: TernaryCouncil | None = None
    reform_view: dict[str, Any] | None = None
    if reform is not None:
        from unsc.service.reform import reform_council, reform_summary

        reformed = reform_council(reform, reform_options)
        rules = CouncilRules(
            seats=list(reformed.seats), votes_needed=reformed.votes_needed, veto=list(reformed.veto)
        )
        reform_view = reform_summary(reformed)
    members: list[dict[str, Any]]
    view: dict[str, Any]
    if rules is not None:
        seat_names = rules.names
        veto = set(rules.veto)
        vetoing = [p in veto for p in seat_names]
        game = WeightedGame.council(seat_names, vetoing, rules.votes_needed)
        ternary = TernaryCouncil.council(
            seat_names, vetoing, rules.votes_needed, abstention_vetoes=rules.abstention_vetoes
        )
        members = [{"name": p, "veto": p in veto} for p in seat_names]
        view = {
            "game": "rules",
            "seats": len(seat_names),
            "quota": rules.votes_needed,
            "rule": (
                f"{rules.votes_needed} affirmative votes of {len(seat_names)}"
                + (
                    f", {len(veto)} veto member{'s' if len(veto) > 1 else ''} among them"
                    if veto
                    else ", no veto"
                )
                + (
                    " (a veto member's abstention blocks a decision)"
                    if rules.abstention_vetoes and veto
                    else ""
                )
            ),
            "note": ABSTENTION_NOTE if rules.abstention_vetoes else None,
        }
        citations: list[dict[str, Any]] = []
    elif weights is not None:
        if quota is None:
            raise PowerError("--weights needs --quota: the weight a coalition needs to win")
        if names is not None and len(names) != len(weights):
            raise PowerError(
                f"{len(names)} names for {len(weights)} weights: give one name a weight"
            )
        game = WeightedGame.weighted(weights, quota, names)
        floats = as_float and all(name in FLOAT_INDICES for name in chosen if name in INDICES)
        if len(weights) * sum(weights) > (FLOAT_LIMIT if floats else LIMIT):
            raise PowerError(
                f"{len(weights)} players of total weight {sum(weights)} are too many to count "
                f"here (players x total weight above {FLOAT_LIMIT if floats else LIMIT:,}): "
                "give smaller weights"
                + ("" if floats else f", or --float and --index {' / '.join(FLOAT_INDICES)}")
            )
        members = [{"name": n, "weight": w} for n, w in zip(game.names, game.weights, strict=True)]
        view = {"game": "weighted", "quota": quota, "total_weight": sum(game.weights)}
        citations = []
    else:
        from unsc.service.record import bundled_law, today

        council = session[1] if session is not None else bundled_law().on(day or today())
        if not council.is_complete:
            raise IncompleteCouncilError(
                f"the Council of {council.day.isoformat()} has {council.unknown_seats} elected "
                "seats not in the bundled data (elected after the last known election), and "
                "power needs every member: give an earlier date"
            )
        people = council.members
        member_names, permanent = [m.name for m in people], [m.permanent for m in people]
        game = WeightedGame.council(member_names, permanent, council.threshold)
        ternary = TernaryCouncil.council(member_names, permanent, council.threshold)
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
        if session is not None:
            vetoes = sum(m.permanent for m in people)
            view["game"] = "session"
            view["session"] = session[0]
            view["rule"] = f"{council.threshold} affirmative votes of {council.seats}, " + (
                (
                    f"every one of the {vetoes} permanent seats among them"
                    if vetoes > 1
                    else "its permanent seat among them"
                )
                + " (a veto, as Charter Art. 27(3) gives the permanent members); an abstention "
                "counts as not voting yes"
                if vetoes
                else "no veto"
            )
    if ternary is None:
        asked = [name for name in indices if name in TERNARY_INDICES]
        if asked:
            raise PowerError(
                f"{asked[0]} needs a council (a date, --rules or --reform): a weighted game "
                "has no abstention; leave it out"
            )
        chosen = [name for name in chosen if name not in TERNARY_INDICES]
    binary = [name for name in chosen if name in INDICES]
    large = game.n * sum(game.weights) >= FLOAT_FROM
    fast = [name for name in binary if as_float and large and name in FLOAT_INDICES]
    exact = [name for name in binary if name not in fast]
    result = (
        float_indices(game, fast, count_winning=True)
        if fast and not exact
        else power_indices(game, exact)
    )
    values: dict[str, Sequence[Fraction | float]] = {**result.values}
    if fast and exact:
        values.update(float_indices(game, fast).values)
    for i, member in enumerate(members):
        for name in binary:
            member[name] = _number(values[name][i], as_float=as_float)
    if ternary is not None and any(name in TERNARY_INDICES for name in chosen):
        view["ternary"] = _ternary(ternary, members, chosen, as_float=as_float)
    view.update(
        {
            "indices": chosen,
            "members": members,
            "winning_coalitions": result.winning,
            "collectivity": _number(
                Fraction(0) if result.collectivity is None else result.collectivity,
                as_float=as_float,
            ),  # never None here: the float path is asked to count the winning coalitions
            "definitions": {name: DEFINITIONS[name] for name in chosen},
            "citations": citations,
        }
    )
    if reform_view is not None:
        view["game"] = "reform"
        view["reform"] = reform_view
        for member, category in zip(members, reformed.category, strict=True):
            member["category"] = category
    return view
