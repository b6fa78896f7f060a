"""Rendering the PDF memo of a typical brief: our whole path against WeasyPrint alone on the same HTML.

Targets (issue 4): p50 under 0.5 s, and our path at most 1.3 times WeasyPrint's own time; (issue 13)
a sent memo's download, served from the stored PDF, at most a tenth of rendering it.
"""

import statistics
import sys

from benchmarks.django_setup import setup_django, typical_brief
from benchmarks.timing import measure, report

RUNS = 20


def main() -> int:
    setup_django()
    from scoping.memos.build import memo_with_review
    from scoping.memos.pdf import html_to_pdf, memo_html, render_memo_pdf
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
    stored_ratio = _stored_download(brief, p50)
    return 0 if ok and ratio <= 1.3 and p50 < 0.5 and stored_ratio <= 0.1 else 1


def _stored_download(brief, render_p50: float) -> float:
    """A sent memo's download (the stored bytes) against rendering it: issue 13's target is a tenth."""
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    from scoping.services.memo import memo_send

    consultant = get_user_model().objects.create_user("bench-consultant")
    with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}):
        memo_send(brief=brief, actor=consultant)  # the email renders and stores the PDF, quietly
    client = Client()
    url = f"/brief/{brief.token}/memo.pdf"
    downloads = measure(lambda: client.get(url), repeat=RUNS)
    report(f"memo PDF, a sent memo's download ({RUNS} downloads)", downloads, unit="s", scale=1)
    ratio = statistics.median(downloads) / render_p50
    verdict = "ok" if ratio <= 0.1 else "MISSED"
    print(f"memo PDF: stored download / render, ratio of p50s {ratio:.3f} (target <= 0.1: {verdict})")
    return ratio


if __name__ == "__main__":
    sys.exit(main())
