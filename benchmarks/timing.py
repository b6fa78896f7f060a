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


def report(
    name: str,
    samples: list[float],
    *,
    unit: str,
    scale: float,
    p95_target: float | None = None,
    p50_target: float | None = None,
) -> bool:
    """Print p50/p95 in ``unit`` (seconds times ``scale``); True when they meet the targets given."""
    cuts = statistics.quantiles(samples, n=100)
    p50, p95 = statistics.median(samples) * scale, cuts[94] * scale
    targets = [("p50", p50, p50_target), ("p95", p95, p95_target)]
    met = all(value <= target for _, value, target in targets if target is not None)
    wanted = ", ".join(f"{label} <= {target:g} {unit}" for label, _, target in targets if target is not None)
    verdict = "ok" if met else "MISSED"
    print(f"{name}: p50 {p50:.3g} {unit}, p95 {p95:.3g} {unit} (target {wanted}: {verdict})")
    return met
