"""The client's report page against the brief's status page, in the same process and run.

Target (issue 11): the report costs at most 2.5 times the status page once built (it is kept per
brief state); the first view, which builds memo, counterfactuals and chart, is printed beside it.
"""

import statistics
import sys

from benchmarks.django_setup import setup_django, typical_brief
from benchmarks.timing import measure, report

RUNS = 40
RATIO_TARGET = 2.5


def main() -> int:
    setup_django()
    from django.core.cache import caches
    from django.test import Client

    from decisions.assessment import assess
    from decisions.ladder import explain, recommend

    brief = typical_brief()
    client = Client()

    def status_page() -> None:
        assert client.get(f"/brief/{brief.token}/").status_code == 200

    def report_page() -> None:
        assert client.get(f"/brief/{brief.token}/report/").status_code == 200

    def first_report_view() -> None:
        caches["pages"].clear()
        for cached in (recommend, explain, assess):  # the engine's work too, not only the page's
            cached.cache_clear()
        report_page()

    status = measure(status_page, repeat=RUNS)
    full = measure(report_page, repeat=RUNS)
    first = measure(first_report_view, repeat=RUNS)
    report("status page /brief/<token>/", status, unit="ms", scale=1e3)
    report("report page /brief/<token>/report/, built once then kept", full, unit="ms", scale=1e3)
    report("report page, first view (built: memo, counterfactuals, chart)", first, unit="ms", scale=1e3)
    ratio = statistics.median(full) / statistics.median(status)
    verdict = "ok" if ratio <= RATIO_TARGET else "MISSED"
    print(f"report / status: ratio of p50s {ratio:.2f} (target <= {RATIO_TARGET}: {verdict})")
    return 0 if ratio <= RATIO_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
