#!/bin/bash
# libpq's own ways in, as an IT department sets them up: a password asked for
# on the socket (scram-sha-256) and found in PGPASSWORD or a .pgpass file; a
# wrong one refused in one line with nothing stored; and a second server
# that speaks TLS on 127.0.0.1, reached with sslmode=require and verified
# with sslmode=verify-full against the tests' own certificate authority.
# Prints TAP.
set -u
indsats=${INDSATS:?}
src=${INDSATS_SOURCE_ROOT:?}
pg="$src/tests/pg-server.sh"
tmp=$(mktemp -d)
chmod 0755 "$tmp"
cleanup() {
  "$pg" stop "$tmp/pg" >/dev/null 2>&1
  "$pg" stop "$tmp/tls" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_DATA_HOME="$tmp/xdg"
# nothing of the person's own: no ~/.pgpass, no password in the environment
unset PGPASSWORD PGPASSFILE PGSSLMODE PGSSLROOTCERT PGHOST PGPORT PGUSER PGDATABASE
export HOME="$tmp/home"
mkdir -p "$HOME"

n=0; failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d" "rc=${rc:-}" "${err:-}"; fi; }
run() { out=$("$indsats" "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err"); }
one_line() { test "$(printf '%s\n' "$err" | wc -l)" -eq 1; }
psql() { local dir=$1; shift; "$pg" psql "$dir" "$@"; }
tables() { psql "$1" "$2" -c "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'"; }

# -- a password on the socket ------------------------------------------------
if ! "$pg" start "$tmp/pg" >/dev/null 2>"$tmp/start.log"; then
  not_ok "the PostgreSQL server starts" "$(tail -5 "$tmp/start.log")"
  echo "1..$n"; exit 1
fi
psql "$tmp/pg" postgres -c "SET password_encryption = 'scram-sha-256'; CREATE ROLE leder LOGIN PASSWORD 'rigtig-$$'"
psql "$tmp/pg" postgres -c "CREATE DATABASE plan OWNER leder"
# the tests' own role keeps its way in; every other role must give a password
hba="$tmp/pg/data/pg_hba.conf"
printf 'local all indsats trust\nlocal all all scram-sha-256\n' >"$hba"
"$pg" reload "$tmp/pg"
sleep 0.5
check "the role's password is kept as a SCRAM-SHA-256 verifier" \
  test "$(psql "$tmp/pg" postgres -c "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'leder'")" = "SCRAM-SHA-256\$"
uri="postgresql://leder@/plan?host=$tmp/pg"
server="leder@$tmp/pg:5432/plan"

run demo --database "$uri"
check "without a password: exit 1" test "$rc" -eq 1
check "... one line naming the server and saying where a password goes" \
  eval 'one_line && grep -qF "Cannot connect to the PostgreSQL server $server" <<<"$err" && grep -qF "PGPASSWORD" <<<"$err"'
check "... and nothing is stored" test "$(tables "$tmp/pg" plan)" -eq 0

PGPASSWORD="forkert" run demo --database "$uri"
check "a wrong PGPASSWORD: exit 1" test "$rc" -eq 1
check "... one line naming the server, libpq's reason and what to check" \
  eval 'one_line && grep -qF "$server" <<<"$err" && grep -qF "password authentication failed" <<<"$err" && grep -qF "Check the password" <<<"$err"'
check "... and nothing is stored" test "$(tables "$tmp/pg" plan)" -eq 0

PGPASSWORD="rigtig-$$" run demo --database "$uri"
check "the right PGPASSWORD: the demo is stored" test "$rc" -eq 0 -a "$(psql "$tmp/pg" plan -c 'SELECT count(*) FROM action')" -eq 25

# .pgpass: a socket folder is matched by its path; libpq reads only a file
# that no one else may read
printf '%s:*:plan:leder:rigtig-%s\n' "$tmp/pg" "$$" >"$tmp/pgpass"
chmod 0600 "$tmp/pgpass"
PGPASSFILE="$tmp/pgpass" run actions list --database "$uri"
check "the password from the .pgpass file PGPASSFILE names: actions list reads the 25" \
  test "$rc" -eq 0 -a "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" -eq 25
PGPASSFILE="$tmp/pgpass" run actions edit 3 --database "$uri" --status done
check "... and an edit is stored" test "$rc" -eq 0 -a "$(psql "$tmp/pg" plan -c 'SELECT status FROM action WHERE id = 3')" = "done"
cp "$tmp/pgpass" "$HOME/.pgpass"
chmod 0600 "$HOME/.pgpass"
run actions list --database "$uri"
check "without PGPASSFILE, libpq's own ~/.pgpass is read" test "$rc" -eq 0
rm -f "$HOME/.pgpass"
printf '%s:*:plan:leder:gammelt-kodeord\n' "$tmp/pg" >"$tmp/pgpass-old"
chmod 0600 "$tmp/pgpass-old"
before=$(psql "$tmp/pg" plan -c "SELECT count(*) FROM action_history")
PGPASSFILE="$tmp/pgpass-old" run actions edit 3 --database "$uri" --status dropped
check "a wrong password in .pgpass: exit 1 in one line naming the server" \
  eval 'test "$rc" -eq 1 && one_line && grep -qF "$server" <<<"$err" && grep -qF "password authentication failed" <<<"$err"'
check "... and nothing changes" test "$(psql "$tmp/pg" plan -c 'SELECT status FROM action WHERE id = 3')" = "done" \
  -a "$(psql "$tmp/pg" plan -c "SELECT count(*) FROM action_history")" = "$before"

# -- the README's lines, as an IT department runs them -------------------------
# its SQL block as written, then the lines for a person's own role; that
# person makes the tables, and the reader may still read them all
readme_sql=$(awk '/^```sql/ { f = 1; next } /^```/ { if (f) exit } f' "$src/README.md")
readme_person=$(awk '/^```sql/ { n++; f = 1; next } /^```/ { f = 0; next } f && n == 2' "$src/README.md")
check "the README gives the SQL for the database and its roles, and for a person's own role" \
  test -n "$(grep -F 'CREATE ROLE indsats_reader' <<<"$readme_sql")" -a -n "$(grep -F 'GRANT indsats_owner TO anna' <<<"$readme_person")"
printf '%s\n' "$readme_sql" "$readme_person" \
  | "$src/tests/pg-server.sh" psql "$tmp/pg" postgres >"$tmp/readme-sql.log" 2>&1
rc=$?; err=$(cat "$tmp/readme-sql.log")
check "... which psql runs without a complaint" test "$rc" -eq 0 -a -z "$err"
shared="postgresql://anna@/indsats?host=$tmp/pg"
PGPASSWORD="her own" run demo --database "$shared"
check "a person with a role of their own makes the plan on the empty database" test "$rc" -eq 0
check "... whose tables belong to the owner role" \
  test "$(psql "$tmp/pg" indsats -c "SELECT string_agg (DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'")" = indsats_owner
PGPASSWORD="change me too" run actions list --database "postgresql://indsats_reader@/indsats?host=$tmp/pg"
check "... and the committee secretary's role reads its 25 actions" \
  test "$rc" -eq 0 -a "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" -eq 25
PGPASSWORD="change me" run actions edit 3 --status done --database "postgresql://indsats_owner@/indsats?host=$tmp/pg"
check "... the owner role changes it" test "$rc" -eq 0
PGPASSWORD="change me too" run actions edit 3 --status dropped --database "postgresql://indsats_reader@/indsats?host=$tmp/pg"
check "... and the reader's change is refused, “you may only read this plan”" \
  eval 'test "$rc" -eq 1 && one_line && grep -qiF "you may only read this plan" <<<"$err"'

# a role that may log in but was given no right to read the tables is not
# told that it "may only read"
psql "$tmp/pg" indsats -c "CREATE ROLE stranger LOGIN PASSWORD 'fremmed'; GRANT USAGE ON SCHEMA public TO stranger"
PGPASSWORD="fremmed" run actions list --database "postgresql://stranger@/indsats?host=$tmp/pg"
check "a role that may not read the plan: exit 1, one line saying so and naming the server" \
  eval 'test "$rc" -eq 1 && one_line && grep -qF "may not read the plan" <<<"$err" && grep -qF "stranger@$tmp/pg:5432/indsats" <<<"$err" && ! grep -qi "may only read" <<<"$err"'

# -- TLS on 127.0.0.1 ----------------------------------------------------------
# a certificate authority of the test's own, and a server certificate it signs
# for 127.0.0.1; a second authority that signed nothing of this server's
certs="$tmp/certs"
mkdir -p "$certs"
(
  cd "$certs" &&
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Indsats test CA" -keyout ca.key -out ca.crt &&
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Another CA" -keyout other.key -out other.crt &&
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr &&
  printf 'subjectAltName = IP:127.0.0.1\n' >san.ext &&
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out server.crt
) >"$tmp/openssl.log" 2>&1
check "openssl makes a certificate authority and a server certificate" test -s "$certs/server.crt"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if ! "$pg" start "$tmp/tls" >/dev/null 2>"$tmp/start-tls.log"; then
  not_ok "the second server starts" "$(tail -5 "$tmp/start-tls.log")"
  echo "1..$n"; exit 1
fi
"$pg" halt "$tmp/tls"
cp "$certs/server.crt" "$certs/server.key" "$tmp/tls/data/"
chmod 0600 "$tmp/tls/data/server.key"
chown "$("$pg" owner)" "$tmp/tls/data/server.crt" "$tmp/tls/data/server.key"
# TCP only with TLS: a connection without it is turned away
printf 'local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n' \
  >"$tmp/tls/data/pg_hba.conf"
if ! PG_SERVER_OPTIONS="-c listen_addresses=127.0.0.1 -c port=$port -c ssl=on" "$pg" resume "$tmp/tls" 2>"$tmp/resume.log"; then
  not_ok "the second server starts with ssl=on on 127.0.0.1:$port" "$(tail -5 "$tmp/resume.log")"
  echo "1..$n"; exit 1
fi
ok "a second server listens on 127.0.0.1:$port with ssl=on"
# its socket is named by its port
PGPORT=$port "$pg" createdb "$tmp/tls" tls >/dev/null || not_ok "a database on the second server" "$(tail -3 "$tmp/tls/server.log")"
tls="postgresql://indsats@127.0.0.1:$port/tls"

run demo --database "$tls?sslmode=disable"
check "sslmode=disable is turned away by the server: exit 1, one line naming it" \
  eval 'test "$rc" -eq 1 && one_line && grep -qF "indsats@127.0.0.1:$port/tls" <<<"$err" && grep -qF "no encryption" <<<"$err"'
run demo --database "$tls?sslmode=require"
check "sslmode=require connects, and the demo is stored" \
  test "$rc" -eq 0 -a "$(PGPORT=$port psql "$tmp/tls" tls -c 'SELECT count(*) FROM action')" -eq 25
run actions list --database "$tls?sslmode=verify-full&sslrootcert=$certs/ca.crt"
check "sslmode=verify-full with sslrootcert= the test's authority connects and reads the 25" \
  test "$rc" -eq 0 -a "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" -eq 25
before=$(PGPORT=$port psql "$tmp/tls" tls -c "SELECT count(*) FROM action_history")
run actions edit 3 --database "$tls?sslmode=verify-full&sslrootcert=$certs/other.crt" --status done
check "verify-full with another authority's certificate: exit 1" test "$rc" -eq 1
check "... in one line naming the server, why, and what to check" \
  eval 'one_line && grep -qF "Cannot connect to the PostgreSQL server indsats@127.0.0.1:$port/tls" <<<"$err" && grep -qF "certificate verify failed" <<<"$err" && grep -qF "sslrootcert" <<<"$err"'
check "... and nothing changes" test "$(PGPORT=$port psql "$tmp/tls" tls -c "SELECT count(*) FROM action_history")" = "$before"
run actions list --database "postgresql://indsats@localhost:$port/tls?sslmode=verify-full&sslrootcert=$certs/ca.crt"
check "verify-full under a name the certificate does not give (localhost): exit 1 naming the server and the name" \
  eval 'test "$rc" -eq 1 && one_line && grep -qF "indsats@localhost:$port/tls" <<<"$err" && grep -qF "a name the server'"'"'s certificate gives" <<<"$err"'

echo "1..$n"
[ "$failures" -eq 0 ]
