"""Shared by the benchmarks: time a callable, report percentiles against a target."""

import statistics
import time
from collections.abc import Callable


def measure(run: Callable[[], object], *, repeat: int, warmup: int = 3) -> list[float]:
    """Seconds taken by each of ``repeat`` calls, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        run()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return samples


def report(name: str, samples: list[float], *, unit: str, scale: float, p95_target: float) -> bool:
    """Print p50/p95 in ``unit`` (seconds times ``scale``); True when p95 meets the target."""
    cuts = statistics.quantiles(samples, n=100)
    p50, p95 = statistics.median(samples) * scale, cuts[94] * scale
    met = p95 <= p95_target
    verdict = "ok" if met else "MISSED"
    print(f"{name}: p50 {p50:.3g} {unit}, p95 {p95:.3g} {unit} (target p95 <= {p95_target:g} {unit}: {verdict})")
    return met
