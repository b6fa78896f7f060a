"""deploy/backup.sh when pg_dump fails: the half-written dump never looks whole and the good dumps
before it are kept. (The whole dump, drop and restore runs against PostgreSQL in .ci/smoke.)"""

import os
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def fake(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)


def run_backup(tmp_path: Path, pg_dump: str, *args: str) -> tuple[int, Path]:
    """Run the script (``once``, or as the compose service does, its loop cut short after a run)."""
    bin_dir, dumps = tmp_path / "bin", tmp_path / "dumps"
    bin_dir.mkdir()
    dumps.mkdir()
    fake(bin_dir, "pg_dump", pg_dump)
    fake(bin_dir, "pg_restore", 'case "$2" in *.partial) grep -q whole "$2";; esac')
    old = dumps / "scope-20261101T000000Z.dump"
    old.write_text("a good dump from weeks ago")
    weeks_ago = time.time() - 20 * 86400
    os.utime(old, (weeks_ago, weeks_ago))
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "BACKUP_DIR": str(dumps)}
    script = subprocess.Popen(["/bin/sh", str(ROOT / "deploy" / "backup.sh"), *args], env=env)
    try:
        return script.wait(timeout=3), dumps
    except subprocess.TimeoutExpired:  # the loop, asleep until its next run
        script.kill()
        script.wait()
        return 0, dumps


@pytest.mark.parametrize("mode", [("once",), ()])
def test_a_failed_dump_is_not_kept_as_a_good_one_and_the_old_ones_stay(tmp_path, mode):
    half_written = 'for a in "$@"; do case "$a" in --file=*) echo half > "${a#--file=}";; esac; done; exit 1'

    status, dumps = run_backup(tmp_path, half_written, *mode)

    assert status != 0 or not mode
    assert sorted(path.name for path in dumps.glob("*.dump")) == ["scope-20261101T000000Z.dump"]


def test_a_good_dump_is_kept_private_and_retires_the_old_ones(tmp_path):
    whole = 'for a in "$@"; do case "$a" in --file=*) echo whole > "${a#--file=}";; esac; done'

    status, dumps = run_backup(tmp_path, whole, "once")

    assert status == 0
    (kept,) = dumps.glob("*.dump")
    assert kept.name != "scope-20261101T000000Z.dump"
    assert kept.stat().st_mode & 0o777 == 0o600
    assert not list(dumps.glob("*.partial"))
