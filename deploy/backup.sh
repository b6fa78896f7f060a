#!/bin/sh
# Dumps the database DATABASE_URL names into BACKUP_DIR now and then every BACKUP_EVERY_HOURS,
# deleting dumps older than BACKUP_KEEP_DAYS: docker-compose.yml's `backup` service.
# `deploy/backup.sh once` makes one dump and exits (CI, or by hand before an upgrade).
# Restore one with deploy/restore.sh.
set -eu
dir=${BACKUP_DIR:-/backups}
keep=${BACKUP_KEEP_DAYS:-14}
every=${BACKUP_EVERY_HOURS:-6}

dump() {
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  # Written under a temporary name and renamed when whole: a dump cut short never looks complete.
  pg_dump --format=custom --no-owner --no-privileges --file="$dir/scope-$stamp.dump.partial" "$DATABASE_URL"
  mv "$dir/scope-$stamp.dump.partial" "$dir/scope-$stamp.dump"
  find "$dir" -name 'scope-*.dump' -mtime +"$keep" -delete
  echo "backup: $dir/scope-$stamp.dump"
}

mkdir -p "$dir"
if [ "${1:-}" = once ]; then
  dump
  exit 0
fi
while true; do
  dump || echo "backup: failed, trying again at the next run" >&2
  sleep $((every * 3600))
done
