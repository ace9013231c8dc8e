#!/usr/bin/env bash
# PostgreSQL + PostGIS (and nginx, for the deploy test) from Debian's packages; starts a cluster of its
# own on loopback, creates a test database with PostGIS, and prints its postgresql:// URL on stdout.
# Idempotent: run it again and it installs nothing, starts nothing that runs, and prints the same URL.
#
#   export ZICHTBAAR_TEST_PG="$(bash .ci/postgis.sh)"
#
# Everything else goes to stderr. PostgreSQL refuses to run as root, so the server and psql run as
# the postgres user through Debian's pg_ctlcluster, as Debian's own service does.
set -euo pipefail

CLUSTER="${ZICHTBAAR_PG_CLUSTER:-zichtbaar}"
PORT="${ZICHTBAAR_PG_PORT:-55432}"
DB="${ZICHTBAAR_PG_DB:-zichtbaar_test}"
ROLE="${ZICHTBAAR_PG_ROLE:-zichtbaar}"
# A throwaway password for a database that only listens on loopback and holds test data.
PASSWORD="${ZICHTBAAR_PG_PASSWORD:-zichtbaar}"

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
log() { echo "postgis.sh: $*" >&2; }
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1; }

apt_install() {
  log "installing $*"
  # Packages must not start their own services (nginx would bind port 80): the tests start what they need.
  local policy=/usr/sbin/policy-rc.d added=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && added=1
  fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  [ -z "$added" ] || $SUDO rm -f "$policy"
}

need=()
[ -n "$(pg_version)" ] && [ -x "/usr/lib/postgresql/$(pg_version)/bin/postgres" ] || need+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"
V="$(pg_version)"
[ -e "/usr/share/postgresql/$V/extension/postgis.control" ] || apt_install "postgresql-$V-postgis-3"

if ! as_postgres pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$V $CLUSTER"; then
  log "creating cluster $V/$CLUSTER on port $PORT"
  # Debian's defaults: listen on localhost only, passwords (scram) over TCP, as the app servers connect.
  as_postgres pg_createcluster "$V" "$CLUSTER" --port "$PORT" --start-conf=manual >&2
fi
if ! as_postgres pg_lsclusters -h | awk -v v="$V" -v c="$CLUSTER" '$1==v && $2==c {print $4}' | grep -qx online; then
  log "starting cluster $V/$CLUSTER"
  as_postgres pg_ctlcluster "$V" "$CLUSTER" start >&2
fi
PORT="$(as_postgres pg_lsclusters -h | awk -v v="$V" -v c="$CLUSTER" '$1==v && $2==c {print $3}')"

psql_admin() { PGOPTIONS="-c client_min_messages=warning" as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }
for _ in $(seq 50); do psql_admin -d postgres -c "SELECT 1" >/dev/null 2>&1 && break; sleep 0.2; done

psql_admin -d postgres >&2 <<SQL
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '$ROLE', '$PASSWORD')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$DB', '$ROLE')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB') \gexec
SQL
psql_admin -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2

echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
