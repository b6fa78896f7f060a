"""How long the ladder takes to decide: it runs on every answer change of the live brief form."""

import random
import sys

from benchmarks.timing import measure, report
from decisions.changes import what_would_change
from decisions.ladder import Facts, FineTuneGoal, Frequency, Status, Task, recommend
from decisions.ladder.account import _account, standing
from decisions.ladder.rules import Case


def random_facts(rng: random.Random) -> Facts:
    return Facts(
        task=rng.choice(list(Task)),
        input_tokens=rng.choice([None, 1_000, 6_000, 300_000]),
        needs_knowledge=rng.random() < 0.7,
        corpus_documents=rng.choice([0, 50, 250, 5_000, 10_000, 10_001, 200_000]),
        corpus_tokens=rng.choice([None, 150_000, 200_001, 50_000_000]),
        update_frequency=rng.choice(list(Frequency)),
        needs_citations=rng.random() < 0.3,
        multi_tenant=rng.random() < 0.2,
        shared_base_many_use_cases=rng.random() < 0.2,
        strict_output_format=rng.random() < 0.3,
        latency_or_cost_critical=rng.random() < 0.3,
        labeled_examples=rng.choice([0, 999, 1_000, 50_000]),
        specialized_vocabulary=rng.random() < 0.2,
        fine_tune_goal=rng.choice(list(FineTuneGoal)),
        has_eval_set=rng.random() < 0.5,
        prompting_status=rng.choice(list(Status)),
        rag_status=rng.choice(list(Status)),
    )


def main() -> int:
    rng = random.Random(2026)
    cases = [random_facts(rng) for _ in range(2_000)]
    batch = iter(cases * 10)

    # The work itself, past recommend()'s cache (which serves the repeats of a counterfactual search):
    # the facts read once, every row of the rules applied.
    def uncached() -> object:
        found = standing(next(batch))
        return _account(Case(found, found.approach))

    samples = measure(uncached, repeat=len(cases) * 9)
    ok = report("ladder: recommend() per brief, uncached", samples, unit="µs", scale=1e6, p95_target=100)
    briefs = iter(cases * 2)

    def search_cold() -> object:
        recommend.cache_clear()
        return what_would_change(next(briefs))

    samples = measure(search_cold, repeat=len(cases))
    ok &= report("ladder: what_would_change() per brief, cold cache", samples, unit="ms", scale=1e3, p95_target=15)
    build = iter(range(10**9))
    samples = measure(lambda: Facts(corpus_documents=next(build)), repeat=10_000)
    ok &= report("ladder: Facts() validation", samples, unit="µs", scale=1e6, p95_target=50)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
