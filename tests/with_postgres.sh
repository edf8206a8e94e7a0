#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: initdb in a temporary folder,
# start it on a free loopback port, export STUDYBOT_TEST_DATABASE_URL, run the command,
# and stop the server afterwards, even when the command fails.
# initdb and pg_ctl refuse to run as root, so as root the server runs as `postgres`.
set -euo pipefail

find_bin() {
    command -v "$1" 2>/dev/null && return
    ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
}
INITDB=$(find_bin initdb || true)
PG_CTL=$(find_bin pg_ctl || true)
if [ -z "$INITDB" ] || [ -z "$PG_CTL" ]; then
    echo "with_postgres: PostgreSQL server binaries (initdb, pg_ctl) not found;" \
         "install them (Debian: apt-get install postgresql)" >&2
    exit 3
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

DATA=$(mktemp -d /tmp/studybot-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$DATA"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
    as_owner "$PG_CTL" -D "$DATA/db" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DATA"
}
trap stop EXIT

as_owner "$INITDB" -D "$DATA/db" -U studybot --auth=trust -E UTF8 >/dev/null
as_owner "$PG_CTL" -D "$DATA/db" -l "$DATA/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PORT -k $DATA -F -c fsync=off -c max_connections=200" start >/dev/null

export STUDYBOT_TEST_DATABASE_URL="postgresql://studybot@127.0.0.1:$PORT/postgres"
echo "with_postgres: PostgreSQL on 127.0.0.1:$PORT" >&2
"$@"
