#!/bin/sh
# Dumps the database into BACKUP_DIR now and then every BACKUP_EVERY_HOURS, and once a dump is whole
# and readable, deletes dumps older than BACKUP_KEEP_DAYS: docker-compose.yml's `backup` service.
# `deploy/backup.sh once` makes one dump and exits (CI, or by hand before an upgrade).
# The database comes from libpq's variables (PGHOST, PGUSER, PGPASSWORD, PGDATABASE), so no
# password shows in a process list. Restore a dump with deploy/restore.sh.
set -eu
umask 077  # the dumps hold every client's brief: readable by this user only
dir=${BACKUP_DIR:-/backups}
keep=${BACKUP_KEEP_DAYS:-14}
every=${BACKUP_EVERY_HOURS:-6}

dump() {
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  partial="$dir/scope-$stamp.dump.partial"
  rm -f "$dir"/scope-*.dump.partial  # left by a run that was cut short
  # Only a dump pg_dump finished and pg_restore can read becomes a .dump; only then do old ones go.
  pg_dump --format=custom --no-owner --no-privileges --file="$partial" || return 1
  pg_restore --list "$partial" >/dev/null || return 1
  mv "$partial" "$dir/scope-$stamp.dump" || return 1
  find "$dir" -name 'scope-*.dump' -mtime +"$keep" -delete
  echo "backup: $dir/scope-$stamp.dump"
}

mkdir -p "$dir"
if [ "${1:-}" = once ]; then
  dump
  exit $?
fi
while true; do
  if ! dump; then
    echo "backup: FAILED; earlier dumps are kept; trying again at the next run" >&2
  fi
  sleep $((every * 3600))
done
