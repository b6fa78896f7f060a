#!/bin/sh
# Restores a dump made by deploy/backup.sh into the database libpq's variables name (PGHOST,
# PGUSER, PGPASSWORD, PGDATABASE), replacing what is there. Stop the web, worker, mailer and backup
# services first; start them again after (README, "Backups").
#   deploy/restore.sh /backups/scope-20261127T060000Z.dump
set -eu
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: deploy/restore.sh DUMP_FILE" >&2; exit 2; }
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --dbname="${PGDATABASE:?set PGDATABASE}" "$1"
echo "restored $1"
