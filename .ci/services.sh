# .ci/services.sh: PostgreSQL and Chromium for the test suite. Source it:
#
#   source .ci/services.sh        # exports PARLEY_TEST_PG and prints it
#
# Installs the Debian packages `postgresql` and `chromium` when missing, starts a
# throwaway PostgreSQL 15 cluster that trusts local connections on
# 127.0.0.1:${PARLEY_PG_PORT:-54329} with a database `parley`, and exports
#   PARLEY_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:54329/parley
# Idempotent: a running cluster is reused, a stopped one is restarted, an
# existing database is kept. Stop it with `parley_services_stop`. The cluster runs with
# fsync off: it is for tests only and its data are thrown away.
# The script is sourced, so it never calls `exit` or `set -e`.

PARLEY_PG_PORT="${PARLEY_PG_PORT:-54329}"
PARLEY_PG_DATA="${PARLEY_PG_DATA:-/tmp/parley-ci-pg-${PARLEY_PG_PORT}}"

_parley_as_root() {
    if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi
}

_parley_apt_install() {
    # $@: Debian package names; installs only those not yet installed
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    echo "services: apt-get install ${missing[*]}" >&2
    _parley_as_root apt-get update -qq >/dev/null \
        && DEBIAN_FRONTEND=noninteractive _parley_as_root apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
}

_parley_pg_bin() {
    local d
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
    return 1
}

_parley_pg_start() {
    local bin
    bin="$(_parley_pg_bin)" || { echo "services: no PostgreSQL binaries found" >&2; return 1; }
    if ! [ -f "$PARLEY_PG_DATA/PG_VERSION" ]; then
        _parley_as_root mkdir -p "$PARLEY_PG_DATA"
        _parley_as_root chown postgres:postgres "$PARLEY_PG_DATA"
        _parley_as_root chmod 700 "$PARLEY_PG_DATA"
        _parley_as_root runuser -u postgres -- "$bin/initdb" -D "$PARLEY_PG_DATA" -U postgres \
            --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null || return 1
    fi
    if ! _parley_as_root runuser -u postgres -- "$bin/pg_ctl" -D "$PARLEY_PG_DATA" status >/dev/null 2>&1; then
        _parley_as_root runuser -u postgres -- "$bin/pg_ctl" -D "$PARLEY_PG_DATA" -l "$PARLEY_PG_DATA/server.log" -w \
            -o "-p $PARLEY_PG_PORT -k $PARLEY_PG_DATA -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null || { tail -20 "$PARLEY_PG_DATA/server.log" >&2; return 1; }
    fi
    if ! _parley_as_root runuser -u postgres -- "$bin/psql" -h 127.0.0.1 -p "$PARLEY_PG_PORT" -U postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname='parley'" | grep -q 1; then
        _parley_as_root runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$PARLEY_PG_PORT" -U postgres parley \
            || return 1
    fi
}

parley_services_stop() {
    local bin
    bin="$(_parley_pg_bin)" || return 0
    _parley_as_root runuser -u postgres -- "$bin/pg_ctl" -D "$PARLEY_PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
}

if _parley_apt_install postgresql chromium fonts-liberation && _parley_pg_start; then
    export PARLEY_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:${PARLEY_PG_PORT}/parley"
    echo "PARLEY_TEST_PG=$PARLEY_TEST_PG"
else
    echo "services: PostgreSQL/Chromium set-up failed" >&2
    false
fi
