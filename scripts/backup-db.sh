#!/usr/bin/env bash
# Backs up the Fixline database named by DATABASE_URL with pg_dump (custom format, compressed).
# Restore with scripts/restore-db.sh. See docs/deployment.md for use with docker compose.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DB scripts/backup-db.sh [OUTPUT_FILE]

Writes a pg_dump archive (custom format) of the whole database: schema, data and the
migration history. OUTPUT_FILE defaults to fixline-<UTC date and time>.dump in the current
directory; an existing file is never overwritten. The archive is written to OUTPUT_FILE.partial
first and checked with pg_restore --list before it takes its name.

pg_dump must be the server's major version or newer. With docker compose:
  docker compose -f docker-compose.prod.yml run --rm db-tools /scripts/backup-db.sh
(the file lands in ./backups/).
EOF
}

fail() {
  echo "backup-db: $*" >&2
  exit 1
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  -*) usage >&2; exit 64 ;;
esac
[ $# -le 1 ] || { usage >&2; exit 64; }

[ -n "${DATABASE_URL:-}" ] || fail "DATABASE_URL is not set (postgres://USER:PASSWORD@HOST:5432/DB). Run with --help for usage."
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) fail "DATABASE_URL must be a postgres:// or postgresql:// URL." ;;
esac
command -v pg_dump >/dev/null 2>&1 || fail "pg_dump not found: install the PostgreSQL client (apt-get install postgresql-client) or use the db-tools service."
command -v pg_restore >/dev/null 2>&1 || fail "pg_restore not found: install the PostgreSQL client."

out=${1:-fixline-$(date -u +%Y%m%d-%H%M%S).dump}
[ ! -e "$out" ] || fail "$out already exists; choose another file name."
partial="$out.partial"
trap 'rm -f "$partial"' EXIT

# The dump holds every user's data: readable by its owner only.
umask 077
started=$(date +%s)
pg_dump --dbname="$DATABASE_URL" --format=custom --compress=6 --no-password --file="$partial" \
  || fail "pg_dump failed (see above); nothing was written."
toc=$(pg_restore --list "$partial") || fail "the archive could not be read back; nothing was written."
entries=$(printf '%s\n' "$toc" | grep -cv '^;' || true)
mv "$partial" "$out"
trap - EXIT

size=$(du -h "$out" | cut -f1)
echo "Backup written: $out ($size, $entries entries, $(($(date +%s) - started)) s)."
