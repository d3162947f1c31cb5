#!/usr/bin/env python3
"""NumPy reference timings for two criterion benchmarks in benches/simulation.rs.

Run by hand, never by CI. Needs numpy only; riskquant is timed if it imports.

  rare                       simulate_rare_lognormal/0.1_a_year/1m_years_with_quantiles:
                             Poisson(0.1) outages a year, a lognormal loss with the 90 %
                             interval [1e5, 1e6], summed per year, then P50 ... P99.99
                             (type 7, the crate's default), the mean and ES 99 %.
  bare_lognormal_12          the floor under simulate_million_years/saas/12_a_year:
                             Poisson(12) outages, bare lognormal(0, 1.2) durations summed
                             per year (the crate prices each outage with many cost
                             drivers and sorts the years; nothing of that here).
  bare_lognormal_draws_only  rng.lognormal(0, 1.2, 12 * years) alone.
  riskquant                  SimpleLoss('x', 'x', 0.1, 1e5, 1e6).simulate_years(years).

On the same machine, run the crate's benchmarks (default features: one core, as here):

  cargo bench --bench simulation -- simulate_rare_lognormal
  cargo bench --bench simulation -- simulate_million_years

Ratio = NumPy's median here / criterion's median (the middle of `time: [lo mid hi]`);
above 1 means the crate is faster. Only compute is timed: imports and the Generator
are created first. The Rust rare benchmark draws the same loss (1 000 an hour of sales,
lognormal durations on [100 h, 1 000 h] at 90 %), so --check's mean, P99 and ES 99 %
agree with `cargo run --release --example simulate_years -- rare 1000000` within their
Monte Carlo error.
"""

import argparse
import math
import platform
import statistics
import time

import numpy as np

Z95 = 1.6448536269514722  # Φ⁻¹(0.95)
LO, HI = 1e5, 1e6
MU = (math.log(LO) + math.log(HI)) / 2
SIGMA = (math.log(HI) - math.log(LO)) / (2 * Z95)
RATE = 0.1
LEVELS = [0.5, 0.9, 0.95, 0.99, 0.999, 0.9999]  # LossDistribution::percentiles


def per_year_sums(counts, draws):
    """Sum `draws` in consecutive runs of `counts[i]` values, one run per year.

    np.add.reduceat over the non-empty years: it needs no index array as long as
    the draws (np.bincount on np.repeat(arange, counts) builds one, 12 M int64 at
    12 a year, and is ~1.5x slower there, ~2 ms faster at 0.1 a year), and it
    sums each year on its own (differences of one cumulative sum lose digits).
    reduceat cannot express an empty run, hence the zero years are left out.
    """
    out = np.zeros(counts.size)
    years = np.flatnonzero(counts)
    if years.size:
        c = counts[years]
        out[years] = np.add.reduceat(draws, np.cumsum(c) - c)
    return out


def rare(rng, n):
    counts = rng.poisson(RATE, n)
    losses = per_year_sums(counts, rng.lognormal(MU, SIGMA, counts.sum()))
    q = np.quantile(losses, LEVELS)  # linear between order statistics (type 7)
    es99 = losses[losses >= q[3]].mean()
    return losses.mean(), q, es99


def bare_lognormal_12(rng, n):
    counts = rng.poisson(12.0, n)
    return per_year_sums(counts, rng.lognormal(0.0, 1.2, counts.sum()))


def bare_lognormal_draws_only(rng, n):
    return rng.lognormal(0.0, 1.2, 12 * n)


def riskquant_task(seed):
    """riskquant's simulate_years (it draws from the global np.random), or None."""
    try:
        from riskquant.simpleloss import SimpleLoss
    except ImportError:
        return None
    model = SimpleLoss("x", "x", RATE, LO, HI)
    np.random.seed(seed)
    return lambda _rng, n: model.simulate_years(n)


TASKS = {
    "rare": rare,
    "bare_lognormal_12": bare_lognormal_12,
    "bare_lognormal_draws_only": bare_lognormal_draws_only,
    "riskquant": None,
}


def timed(fn, rng, n, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(rng, n)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", help="comma-separated: " + ",".join(TASKS))
    parser.add_argument("--check", action="store_true", help="print the rare task's mean and P99")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(TASKS)
    if unknown := [name for name in names if name not in TASKS]:
        parser.error(f"unknown task(s): {', '.join(unknown)}")
    n = args.years

    print(f"numpy {np.__version__}, python {platform.python_version()} ({platform.machine()})")
    for name in names:
        fn = riskquant_task(args.seed) if name == "riskquant" else TASKS[name]
        if fn is None:
            print("riskquant: not installed, skipped")
            continue
        rng = np.random.default_rng(args.seed)
        median, best = timed(fn, rng, n, args.repeats)
        print(
            f"{name}: median {median * 1e3:.1f} ms, min {best * 1e3:.1f} ms "
            f"({n / median / 1e6:.3g} M years/s) over {args.repeats} runs"
        )

    if args.check:
        mean, q, es99 = rare(np.random.default_rng(args.seed), n)
        # Compound Poisson: E = λ·E[X], Var = λ·E[X²], X lognormal(MU, SIGMA).
        closed = RATE * math.exp(MU + SIGMA**2 / 2)
        stderr = math.sqrt(RATE * math.exp(2 * MU + 2 * SIGMA**2) / n)
        print(f"check: mu {MU:.6f}, sigma {SIGMA:.6f}, {n} years, seed {args.seed}")
        print(f"check: mean {mean:,.0f} (closed form {closed:,.0f}, standard error {stderr:,.0f})")
        print(f"check: P99 {q[3]:,.0f}, ES99 {es99:,.0f}")


if __name__ == "__main__":
    main()
