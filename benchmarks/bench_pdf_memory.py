"""Memory while rendering memo PDFs: a process's resident memory over 500 renders of a typical
memo (our whole path, as a web worker renders previews). Target (issue 16): it levels off, less than
80 MB above where it started; gunicorn also replaces each worker after about 500 requests.
"""

import sys
from pathlib import Path

from benchmarks.django_setup import setup_django, typical_brief

RENDERS = 500
EVERY = 50
TARGET_MB = 80
# Levelled off: the last fifth of the renders adds less than this.
PLATEAU_MB = 10


def rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024


def main() -> int:
    setup_django()
    from scoping.memos.build import memo_with_review
    from scoping.memos.pdf import render_memo_pdf
    from scoping.models import Brief

    brief = typical_brief()
    start = rss_mb()
    readings = [(0, start)]
    for done in range(1, RENDERS + 1):
        render_memo_pdf(memo_with_review(Brief.objects.get(pk=brief.pk)), preview=True)
        if done % EVERY == 0:
            readings.append((done, rss_mb()))
    print("memo PDF memory (RSS, MB): " + ", ".join(f"{done}: {mb:.0f}" for done, mb in readings))
    growth = readings[-1][1] - start
    last_fifth = readings[-1][1] - next(mb for done, mb in readings if done >= RENDERS * 4 // 5)
    ok = growth < TARGET_MB and last_fifth < PLATEAU_MB
    print(
        f"memo PDF memory: +{growth:.0f} MB over {RENDERS} renders (target < {TARGET_MB} MB), "
        f"+{last_fifth:.1f} MB over the last {RENDERS // 5} (target < {PLATEAU_MB} MB): {'ok' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
