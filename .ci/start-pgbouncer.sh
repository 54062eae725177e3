#!/usr/bin/env bash
# Starts PgBouncer in transaction pooling mode (the way banks usually pool PostgreSQL) in front of the
# PostgreSQL server of the URL given as $1, on a temp dir and a free port, as the postgres user.
# Prints `export TEST_PG_BOUNCER_URL=…` and `export PGBOUNCER_STOP=…` for the caller to eval.
set -euo pipefail
upstream=$1
pg_host=$(python3 -c 'import sys,urllib.parse as u; print(u.urlparse(sys.argv[1]).hostname)' "$upstream")
pg_port=$(python3 -c 'import sys,urllib.parse as u; print(u.urlparse(sys.argv[1]).port)' "$upstream")
dir=$(mktemp -d /tmp/advisor-pgbouncer.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=$pg_host port=$pg_port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
; node-postgres sends these at connect; PgBouncer refuses unknown startup parameters otherwise.
ignore_startup_parameters = statement_timeout,extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
echo '"postgres" ""' >"$dir/users.txt"
chown -R postgres:postgres "$dir"
runuser -u postgres -- /usr/sbin/pgbouncer -d "$dir/pgbouncer.ini" >/dev/null
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break; sleep 0.1; done
echo "export TEST_PG_BOUNCER_URL=postgres://postgres@127.0.0.1:$port/"
echo "export PGBOUNCER_STOP='kill \$(cat $dir/pgbouncer.pid) 2>/dev/null; rm -rf $dir'"
