#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a temp dir and a free port, as the postgres user
# (PostgreSQL refuses to run as root). Prints `export TEST_DATABASE_URL=…`, `export BENCH_DATABASE_URL=…`
# (an empty database for `npm run bench`) and `export PG_STOP=…`
# for the caller to eval. UTF-8 locale: without it, text functions treat Chinese as non-letters.
# PG_OPTS: more server settings (`-c name=value …`), e.g. a full-scale bench's shared_buffers.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/advisor-pg.XXXXXX)
chown postgres:postgres "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
runuser -u postgres -- "$bindir/initdb" -D "$dir/data" --locale=C.UTF-8 --encoding=UTF8 -A trust -U postgres >"$dir/initdb.log" 2>&1
runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 ${PG_OPTS:-}" start >/dev/null
for db in advisor_test advisor_bench; do
  runuser -u postgres -- "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE $db" >/dev/null
done
echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/advisor_test"
echo "export BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:$port/advisor_bench"
echo "export PG_STOP='runuser -u postgres -- $bindir/pg_ctl -D $dir/data -m fast stop >/dev/null; rm -rf $dir'"
