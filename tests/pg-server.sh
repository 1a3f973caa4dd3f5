#!/bin/bash
# A PostgreSQL 15 server of the tests' own, in a folder of its own: listening
# on a unix socket in that folder only (no TCP), trusting local connections.
#
#   pg-server.sh start DIR     starts it; prints the base URI
#                              (postgresql://indsats@/?host=DIR, add a database name)
#   pg-server.sh createdb DIR NAME [OWNER]
#                              makes an empty database; prints its URI
#   pg-server.sh psql DIR NAME [psql args...]
#                              runs psql on it as the server's owner role
#   pg-server.sh dump DIR NAME writes out the database, for comparing before and after
#   pg-server.sh stop DIR      stops it (fast) and removes DIR
#   pg-server.sh halt DIR      stops it (fast) and keeps DIR, as a server that goes away
#   pg-server.sh reload DIR    makes it read its pg_hba.conf and settings again
#   pg-server.sh owner         names the system user the server runs as
#   pg-server.sh resume DIR    starts a halted one again
#   pg-server.sh run CMD...    starts one in a fresh folder, runs CMD with
#                              INDSATS_PG_DIR and INDSATS_PG_URI set, stops it at exit
#
# PG_SERVER_OPTIONS, when set, adds to the server's options (start and
# resume): a test that wants TCP and TLS says so there, as
# "-c listen_addresses=127.0.0.1 -c port=N -c ssl=on".
#
# PostgreSQL refuses to run as root: as root (as in CI) the server runs as
# the system user "postgres" (made with useradd when it is missing), which
# owns the folder.
set -eu
bin=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
owner_role=indsats

as_server_user() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  else
    setpriv --reuid="$server_user" --regid="$(id -g "$server_user")" --clear-groups -- "$@"
  fi
}

server_user=
if [ "$(id -u)" -eq 0 ]; then
  server_user=postgres
  if ! id "$server_user" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$server_user"
  fi
fi

start() {
  local dir=$1
  mkdir -p "$dir"
  chmod 0755 "$dir"
  [ -z "$server_user" ] || chown "$server_user" "$dir"
  as_server_user "$bin/initdb" --pgdata="$dir/data" --username="$owner_role" --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  launch "$dir"
  echo "postgresql://$owner_role@/?host=$dir"
}

launch() {
  local dir=$1
  # fsync off: the tests' data may be lost in a crash of the machine, nothing else
  as_server_user "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=40 ${PG_SERVER_OPTIONS:-}" start \
    || { cat "$dir/server.log" >&2; return 1; }
}

# reads pg_hba.conf and postgresql.conf again
reload() {
  as_server_user "$bin/pg_ctl" --pgdata="$1/data" --silent reload
}

# the system user the server runs as (whoever runs the tests, or postgres under root)
owner() {
  echo "${server_user:-$(id -un)}"
}

halt() {
  as_server_user "$bin/pg_ctl" --pgdata="$1/data" --mode=fast --wait --silent stop
}

stop() {
  local dir=$1
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_server_user "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --silent stop || true
  fi
  rm -rf "$dir"
}

psql_on() {
  local dir=$1 db=$2; shift 2
  "$bin/psql" --no-psqlrc --quiet --no-align --tuples-only --set=ON_ERROR_STOP=1 \
    --host="$dir" --username="$owner_role" --dbname="$db" "$@"
}

# the same data gives the same text: newer pg_dumps add a random key to each
# dump (\restrict), which goes
dump_db() {
  "$bin/pg_dump" --no-owner --host="$1" --username="$owner_role" "$2" | sed '/^\\\(un\)\{0,1\}restrict /d'
}

createdb() {
  local dir=$1 name=$2 owner=${3:-$owner_role}
  psql_on "$dir" postgres -c "CREATE DATABASE \"$name\" OWNER \"$owner\""
  echo "postgresql://$owner_role@/$name?host=$dir"
}

case "${1:-}" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  halt) halt "$2" ;;
  reload) reload "$2" ;;
  owner) owner ;;
  resume) launch "$2" ;;
  createdb) shift; createdb "$@" ;;
  psql) shift; psql_on "$@" ;;
  dump) dump_db "$2" "$3" ;;
  run)
    shift
    dir=$(mktemp -d "${TMPDIR:-/tmp}/indsats-pg.XXXXXX")
    trap 'stop "$dir"' EXIT
    INDSATS_PG_URI=$(start "$dir")
    export INDSATS_PG_DIR=$dir INDSATS_PG_URI
    set +e
    "$@"
    rc=$?
    exit $rc
    ;;
  *) echo "usage: pg-server.sh start|stop|halt|resume|reload|owner|createdb|psql|run ..." >&2; exit 2 ;;
esac
