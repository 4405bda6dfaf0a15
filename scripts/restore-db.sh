#!/usr/bin/env bash
# Restores a scripts/backup-db.sh archive into the database named by DATABASE_URL, replacing
# the objects it contains. Stop the app first. See docs/deployment.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DB scripts/restore-db.sh [--yes] BACKUP_FILE

Restores BACKUP_FILE (a pg_dump custom-format archive, as written by scripts/backup-db.sh) into
the database in DATABASE_URL. Tables, data and the migration history in that database are
replaced by the backup's, in one transaction: on any error nothing changes. Ownership and
grants are not restored (objects belong to the user in DATABASE_URL).

Stop the app before restoring and start it afterwards (it applies any newer migrations):
  docker compose -f docker-compose.prod.yml stop app
  docker compose -f docker-compose.prod.yml run --rm db-tools /scripts/restore-db.sh /backups/FILE.dump
  docker compose -f docker-compose.prod.yml up -d

Without --yes you are asked to type the database name; with no terminal, --yes is required.
EOF
}

fail() {
  echo "restore-db: $*" >&2
  exit 1
}

yes=false
file=""
for arg in "$@"; do
  case "$arg" in
    -h | --help) usage; exit 0 ;;
    -y | --yes) yes=true ;;
    -*) usage >&2; exit 64 ;;
    *) [ -z "$file" ] || { usage >&2; exit 64; }; file=$arg ;;
  esac
done
[ -n "$file" ] || { usage >&2; exit 64; }

[ -n "${DATABASE_URL:-}" ] || fail "DATABASE_URL is not set (postgres://USER:PASSWORD@HOST:5432/DB). Run with --help for usage."
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) fail "DATABASE_URL must be a postgres:// or postgresql:// URL." ;;
esac
command -v pg_restore >/dev/null 2>&1 || fail "pg_restore not found: install the PostgreSQL client (apt-get install postgresql-client) or use the db-tools service."
command -v psql >/dev/null 2>&1 || fail "psql not found: install the PostgreSQL client."
[ -f "$file" ] || fail "$file: no such file."
pg_restore --list "$file" >/dev/null 2>&1 || fail "$file is not a pg_dump custom-format archive."

db=$(psql --dbname="$DATABASE_URL" --no-password -qtAc 'select current_database()') \
  || fail "cannot connect to the database in DATABASE_URL (see above)."
host=$(psql --dbname="$DATABASE_URL" --no-password -qtAc "select coalesce(inet_server_addr()::text, 'local socket')")

if ! $yes; then
  [ -t 0 ] || fail "no terminal to confirm on: pass --yes to restore into \"$db\" without asking."
  echo "This replaces the data in database \"$db\" on $host with $file."
  read -r -p "Type the database name to go on: " answer
  [ "$answer" = "$db" ] || fail "not confirmed; nothing changed."
fi

started=$(date +%s)
pg_restore --dbname="$DATABASE_URL" --no-password --clean --if-exists --no-owner --no-privileges \
  --single-transaction --exit-on-error "$file" \
  || fail "the restore failed (see above) and was rolled back; the database is unchanged."
echo "Restored $file into \"$db\" in $(($(date +%s) - started)) s. Start the app again."
