"""Prints one markdown table: voting power by unsc (exact and in floating point), a plain C
dynamic programme and the power-index packages on PyPI, each game and index side by side,
with each one's time and its largest difference from the exact values.

Run: uv sync --group bench --inexact   (powerindex, powerindices, power-bdd)
     .venv/bin/python benchmarks/power.py [--timeout 120] [--exact-timeout 300] [--only NAME]

Every computation runs in its own process with a time limit, so a hang, an overflow or a
crash is reported in the table ("did not finish", "failed: ...") and the run goes on. Times
are of the computation alone (the best of up to five runs where one takes under 0.2 s), not
of starting Python or importing. The C programme (compiled here with cc -O2 if a compiler is
present) counts coalitions by size and weight in doubles and takes each player out by the
inverse recurrence, once per distinct weight.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PEERS = ("powerindex", "powerindices", "power-bdd")
INDICES = ("shapley_shubik", "banzhaf")
LABEL = {"shapley_shubik": "Shapley–Shubik", "banzhaf": "Banzhaf"}


@dataclass(frozen=True)
class Game:
    name: str
    weights: list[int]
    quota: int


def games() -> list[Game]:
    import yaml

    college = yaml.safe_load((HERE / "data" / "electoral_votes_2024.yaml").read_text())
    out = [
        # the Council of 26 May 2022: 9 of 15, every permanent member in, as a weighted game
        Game("Security Council (7×5 + 1×10, quota 39)", [7] * 5 + [1] * 10, 39),
        Game(
            "US Electoral College 2024 (538, 270 to win)",
            list(college["electoral_votes"].values()),
            college["votes_needed"],
        ),
    ]
    for n, top in ((50, 100), (100, 100), (200, 100), (500, 100), (1000, 100), (100, 10_000)):
        rng = random.Random(f"{n}-{top}")
        weights = [rng.randint(1, top) for _ in range(n)]
        out.append(Game(f"random, weights 1–{top:,}", weights, sum(weights) // 2 + 1))
    return out


# ------------------------------------------------------------------------------ the workers


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    best = time.perf_counter() - start
    if best < 0.2:
        for _ in range(4):
            start = time.perf_counter()
            result = fn()
            best = min(best, time.perf_counter() - start)
    return best, result


def work(tool: str, index: str, game: dict[str, Any]) -> dict[str, Any]:
    """Runs one tool on one game; returns its time and values (exact ones as fractions)."""
    weights, quota = list(game["weights"]), int(game["quota"])
    if tool == "unsc-exact":
        from unsc.core.power import WeightedGame, power_indices

        g = WeightedGame.weighted(weights, quota)
        seconds, result = timed(lambda: power_indices(g, (index,)))
        return {"seconds": seconds, "values": [str(x) for x in result.values[index]]}
    if tool == "unsc-float":
        from unsc.analysis.power_float import float_indices
        from unsc.core.power import WeightedGame

        g = WeightedGame.weighted(weights, quota)
        seconds, result = timed(lambda: float_indices(g, (index,)))
        return {"seconds": seconds, "values": list(result.values[index])}
    if tool == "powerindex":
        import powerindex

        def run_powerindex() -> list[float]:
            g = powerindex.Game(quota, weights=list(weights))
            if index == "banzhaf":
                g.calc_banzhaf()
                return list(g.banzhaf)  # normalised
            g.calc_shapley_shubik()
            return list(g.shapley_shubik)

        seconds, values = timed(run_powerindex)
        return {"seconds": seconds, "values": [float(v) for v in values]}
    if tool == "powerindices":
        import powerindices

        fn = powerindices.compute_pbi if index == "banzhaf" else powerindices.compute_ssi
        seconds, values = timed(lambda: fn(quota, list(weights)))  # it changes the list
        return {"seconds": seconds, "values": [float(v) for v in values]}
    if tool == "power-bdd":
        from power_bdd.bdd import BDD
        from power_bdd.bdd import WeightedGame as BddGame

        def run_bdd() -> list[float]:
            bdd = BDD(BddGame(quota, list(weights)))
            return list(bdd.calc_banzhaf() if index == "banzhaf" else bdd.calc_shapley())

        seconds, values = timed(run_bdd)
        return {"seconds": seconds, "values": [float(v) for v in values]}
    raise SystemExit(f"unknown tool {tool!r}")


C_SOURCE = r"""
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
/* stdin: index (0 Shapley-Shubik, 1 Banzhaf), n, quota, n weights.
   stdout: seconds, then n values. Counts by (size, weight < quota) in doubles. */
int main(void) {
    int idx, n; long q;
    if (scanf("%d %d %ld", &idx, &n, &q) != 3) return 2;
    long *w = malloc(n * sizeof *w), maxw = 0;
    for (int i = 0; i < n; i++) {
        if (scanf("%ld", &w[i]) != 1) return 2;
        if (w[i] > maxw) maxw = w[i];
    }
    double *out = calloc(n, sizeof *out);
    long *seen = malloc((maxw + 1) * sizeof *seen);
    for (long v = 0; v <= maxw; v++) seen[v] = -1;
    struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
    long L = q;
    int K = idx == 0 ? n + 1 : 1;
    double *c = calloc((size_t)K * L, sizeof *c), *d = malloc((size_t)K * L * sizeof *d);
    c[0] = 1;
    for (int i = 0; i < n; i++) {
        long wi = w[i];
        for (int k = (idx == 0 ? i + 1 : 0); k >= (idx == 0 ? 1 : 0); k--) {
            double *dst = c + (size_t)k * L, *src = c + (size_t)(idx == 0 ? k - 1 : 0) * L;
            for (long x = L - 1; x >= wi; x--) dst[x] += src[x - wi];
        }
    }
    double *f = malloc(n * sizeof *f);
    for (int k = 0; k < n; k++)  /* k! (n-1-k)! / n! */
        f[k] = exp(lgamma(k + 1.0) + lgamma((double)(n - k)) - lgamma(n + 1.0));
    for (int i = 0; i < n; i++) {
        long wi = w[i];
        if (seen[wi] >= 0) { out[i] = out[seen[wi]]; continue; }
        seen[wi] = i;
        long lo = q - wi > 0 ? q - wi : 0;
        double s = 0;
        for (int k = 0; k < (idx == 0 ? n : 1); k++) {  /* d = c without player i */
            double *dk = d + (size_t)k * L, *ck = c + (size_t)k * L;
            double *prev = idx == 0 ? d + (size_t)(k - 1) * L : d;
            for (long x = 0; x < L; x++)
                dk[x] = ck[x] - ((idx == 0 ? k > 0 : 1) && x >= wi ? prev[x - wi] : 0);
            double cnt = 0;
            for (long x = lo; x < L; x++) cnt += dk[x];
            s += idx == 0 ? cnt * f[k] : cnt;
        }
        out[i] = idx == 0 ? s : ldexp(s, -(n - 1));
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.9f\n", (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec));
    for (int i = 0; i < n; i++) printf("%.17g\n", out[i]);
    return 0;
}
"""


def compile_c(folder: Path) -> Path | None:
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        return None
    (folder / "power.c").write_text(C_SOURCE)
    binary = folder / "power"
    subprocess.run([cc, "-O2", "-o", str(binary), str(folder / "power.c"), "-lm"], check=True)
    return binary


# ------------------------------------------------------------------------------ the driver


def run(command: list[str], stdin: str, timeout: float) -> tuple[str, Any]:
    """("ok", output) or ("did not finish (why)", None)."""
    try:
        done = subprocess.run(
            command, input=stdin, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return f"did not finish (over {timeout:.0f} s)", None
    if done.returncode != 0:
        lines = [ln for ln in done.stderr.strip().splitlines() if ln.strip()]
        why = lines[-1][:70] if lines else f"exit {done.returncode}"
        return f"did not finish ({why})", None
    return "ok", done.stdout


def python_tool(tool: str, index: str, game: Game, timeout: float) -> tuple[str, Any]:
    payload = json.dumps({"weights": game.weights, "quota": game.quota})
    status, out = run([sys.executable, __file__, "--worker", tool, index], payload, timeout)
    if out is None:
        return status, None
    lines = out.strip().splitlines()  # a peer may print on its own; the answer comes last
    try:
        return status, json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        return "did not finish (no answer)", None


def c_tool(binary: Path, index: str, game: Game, timeout: float) -> tuple[str, Any]:
    stdin = f"{0 if index == 'shapley_shubik' else 1} {len(game.weights)} {game.quota} "
    status, out = run([str(binary)], stdin + " ".join(map(str, game.weights)), timeout)
    if out is None:
        return status, None
    lines = out.split()
    return status, {"seconds": float(lines[0]), "values": [float(x) for x in lines[1:]]}


def seconds(s: float) -> str:
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def difference(exact: list[Fraction] | None, values: list[float], *, normalise: bool) -> str:
    if exact is None:
        return "no exact value"
    if normalise:  # compare with the exact shares
        total = sum(exact)
        exact = [e / total for e in exact] if total else exact
    if len(values) != len(exact):
        return f"{len(values)} values for {len(exact)} players"
    if any(v != v or v in (float("inf"), float("-inf")) for v in values):
        return "nan or inf"
    return f"{max(abs(float(e - Fraction(v))) for e, v in zip(exact, values, strict=True)):.1e}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=120, help="seconds for each peer")
    parser.add_argument("--exact-timeout", type=float, default=300, help="seconds for unsc exact")
    parser.add_argument("--only", help="run only the games whose name contains this")
    parser.add_argument("--players", type=int, help="run only the games of this many players")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(work(args.worker[0], args.worker[1], json.load(sys.stdin))))
        return
    header = (
        "| game | players | index | unsc exact | unsc float | C (doubles) | "
        + " | ".join(PEERS)
        + " | largest difference from exact: unsc float · C · "
        + " · ".join(PEERS)
        + " |"
    )
    print(header)
    print("|" + " --- |" * (header.count("|") - 1))
    with tempfile.TemporaryDirectory() as folder:
        binary = compile_c(Path(folder))
        for game in games():
            if args.only and args.only not in game.name:
                continue
            if args.players and len(game.weights) != args.players:
                continue
            for index in INDICES:  # each index has its own exact count (Banzhaf by weight)
                exact_status, exact_out = python_tool("unsc-exact", index, game, args.exact_timeout)
                exact_time = seconds(exact_out["seconds"]) if exact_out else exact_status
                exact = [Fraction(x) for x in exact_out["values"]] if exact_out else None
                cells, diffs = [], []
                status, out = python_tool("unsc-float", index, game, args.timeout)
                cells.append(seconds(out["seconds"]) if out else status)
                diffs.append(difference(exact, out["values"], normalise=False) if out else "–")
                if binary is not None:
                    status, out = c_tool(binary, index, game, args.timeout)
                    cells.append(seconds(out["seconds"]) if out else status)
                    diffs.append(difference(exact, out["values"], normalise=False) if out else "–")
                else:
                    cells.append("no C compiler")
                    diffs.append("–")
                for peer in PEERS:
                    status, out = python_tool(peer, index, game, args.timeout)
                    cells.append(seconds(out["seconds"]) if out else status)
                    normalise = peer == "powerindex" and index == "banzhaf"
                    diffs.append(
                        difference(exact, out["values"], normalise=normalise) if out else "–"
                    )
                print(
                    f"| {game.name} | {len(game.weights)} | {LABEL[index]} | {exact_time} | "
                    + " | ".join(cells)
                    + " | "
                    + " · ".join(diffs)
                    + " |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
