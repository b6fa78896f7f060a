"""Rendering the PDF memo of a typical brief: our whole path against WeasyPrint alone on the same HTML.

Targets (issue 4): p50 under 0.5 s, and our path at most 1.3 times WeasyPrint's own time.
"""

import statistics
import sys

from benchmarks.django_setup import setup_django, typical_brief
from benchmarks.timing import measure, report

RUNS = 20


def main() -> int:
    setup_django()
    from scoping.memo.content import memo_with_review
    from scoping.memo.pdf import html_to_pdf, memo_html, render_memo_pdf
    from scoping.models import Brief

    brief = typical_brief()

    def whole_path() -> bytes:
        fresh = Brief.objects.get(pk=brief.pk)
        return render_memo_pdf(memo_with_review(fresh), preview=True)

    html = memo_html(memo_with_review(brief), preview=True)
    ours = measure(whole_path, repeat=RUNS)
    direct = measure(lambda: html_to_pdf(html), repeat=RUNS)
    ok = report(f"memo PDF, our path ({RUNS} renders)", ours, unit="s", scale=1, p95_target=1.0)
    report(f"memo PDF, WeasyPrint alone on the same HTML ({RUNS} renders)", direct, unit="s", scale=1, p95_target=1.0)
    ratio = statistics.median(ours) / statistics.median(direct)
    p50 = statistics.median(ours)
    print(
        f"memo PDF: ratio of p50s {ratio:.2f} (target <= 1.3: {'ok' if ratio <= 1.3 else 'MISSED'}); "
        f"p50 {p50:.3f} s (target < 0.5 s: {'ok' if p50 < 0.5 else 'MISSED'}); {len(whole_path()):,} bytes"
    )
    return 0 if ok and ratio <= 1.3 and p50 < 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
