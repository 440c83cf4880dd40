#!/usr/bin/env bash
# Jiesu past one machine, on loopback: a PostgreSQL primary (port 5433) and its streaming replica (5434), two
# application instances (8081, 8082) behind nginx (8088). wrk files Open311 requests through nginx for DURATION
# seconds; at a third of the run instance 1 is stopped (SIGTERM: it finishes what it is doing), at two thirds it is
# started again. Afterwards: every acknowledged request is in the primary, none answered 5xx, a dashboard and an
# Open311 read were answered by the replica, and the replication lag seen during the run.
#
#   sudo bench/scale/scale-test.sh            # after ./mvnw -q -o package -DskipTests
#   DURATION=120 CONNECTIONS=64 bench/scale/scale-test.sh
#   KEEP=1 bench/scale/scale-test.sh          # keep the temp folder (logs, databases) for a look afterwards
#
# Runs as root on Debian (initdb refuses root: PostgreSQL runs as the postgres OS user). Installs nothing: it says
# what is missing (apt-get install -y nginx-light wrk postgresql curl; a Java 17+ runtime).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=${JAR:-$ROOT/target/jiesu.jar}
DURATION=${DURATION:-60}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PRIMARY_PORT=5433
REPLICA_PORT=5434
APP_PORTS=(8081 8082)
LB_PORT=8088
DB=jiesu

say() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() {
  say "FAILED: $*" >&2
  exit 1
}

# ------------------------------------------------------------------------------------------------------ what we need
missing=()
[[ $(id -u) -eq 0 ]] || fail "run as root (PostgreSQL is started as the postgres user through runuser)"
for tool in nginx wrk curl java runuser; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
PGBIN=""
for dir in $(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V); do
  version=$(basename "$(dirname "$dir")")
  if [[ ${version%%.*} -ge 15 && -x $dir/initdb && -x $dir/pg_basebackup && -x $dir/pg_ctl && -x $dir/psql ]]; then
    PGBIN=$dir
  fi
done
[[ -n $PGBIN ]] || missing+=("PostgreSQL 15+ server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
id postgres > /dev/null 2>&1 || missing+=("the postgres OS user (comes with the postgresql package)")
[[ -f $JAR ]] || missing+=("$JAR (build it: ./mvnw -q -o package -DskipTests)")
if ((${#missing[@]})); then
  printf 'Missing:\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 2
fi
for port in $PRIMARY_PORT $REPLICA_PORT "${APP_PORTS[@]}" $LB_PORT; do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    fail "port $port is in use: this test needs 5433, 5434, 8081, 8082 and 8088 free"
  fi
done

WORK=$(mktemp -d /tmp/jiesu-scale.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/pg" "$WORK/nginx/logs" "$WORK/nginx/tmp" "$WORK/app"
chown postgres: "$WORK/pg"
say "Working in $WORK (PostgreSQL $(basename "$(dirname "$PGBIN")"), $(nproc) cores)"

as_pg() { runuser -u postgres -- "$@"; }
psql_at() { as_pg "$PGBIN/psql" -X -q -A -t -h 127.0.0.1 -p "$1" -U postgres -d "$2" -c "$3"; }

# -------------------------------------------------------------------------------------------------- cleaning up
cleanup() {
  local rc=$?
  set +e
  [[ -n ${LOAD_PID:-} ]] && kill "$LOAD_PID" 2> /dev/null
  [[ -n ${LAG_PID:-} ]] && kill "$LAG_PID" 2> /dev/null
  for n in 1 2; do
    if [[ -f $WORK/app$n.pid ]]; then
      kill "$(cat "$WORK/app$n.pid")" 2> /dev/null
    fi
  done
  [[ -f $WORK/nginx/nginx.pid ]] && kill -QUIT "$(cat "$WORK/nginx/nginx.pid")" 2> /dev/null
  for n in 1 2; do
    if [[ -f $WORK/app$n.pid ]]; then
      pid=$(cat "$WORK/app$n.pid")
      for _ in $(seq 1 40); do kill -0 "$pid" 2> /dev/null || break; sleep 1; done
      kill -KILL "$pid" 2> /dev/null
    fi
  done
  [[ -d $WORK/pg/replica ]] && as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/replica" -m fast -w stop > /dev/null 2>&1
  [[ -d $WORK/pg/primary ]] && as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/primary" -m fast -w stop > /dev/null 2>&1
  if [[ ${KEEP:-0} == 1 ]]; then
    say "Kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------------------------ primary and replica
say "Creating the primary on $PRIMARY_PORT"
as_pg "$PGBIN/initdb" -D "$WORK/pg/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$WORK/pg/initdb.log"
cat >> "$WORK/pg/primary/postgresql.conf" << EOF
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK/pg'
max_connections = 200
shared_buffers = 256MB
wal_level = replica
max_wal_senders = 5
hot_standby = on
timezone = 'UTC'
EOF
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/primary" -l "$WORK/pg/primary.log" -w start > /dev/null
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p $PRIMARY_PORT -U postgres $DB

say "Creating the streaming replica on $REPLICA_PORT (pg_basebackup -R)"
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D "$WORK/pg/replica" -R -X stream -c fast
cat >> "$WORK/pg/replica/postgresql.conf" << EOF
port = $REPLICA_PORT
# Only the reads the application sends here are logged: the evidence that they came here.
log_statement = 'all'
EOF
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/replica" -l "$WORK/pg/replica.log" -w start > /dev/null
[[ $(psql_at $REPLICA_PORT postgres "select pg_is_in_recovery()") == t ]] || fail "the replica is not in recovery"

# ------------------------------------------------------------------------------------------------ the instances
# One contact-encryption key for both instances: each must read what the other wrote.
CONTACT_KEY=$(head -c 32 /dev/urandom | base64)

start_app() {
  local n=$1 port=${APP_PORTS[$1 - 1]}
  JIESU_DB_URL="jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/$DB" JIESU_DB_USER=postgres JIESU_DB_PASSWORD= \
    JIESU_REPLICA_URL="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/$DB" \
    JIESU_CONTACT_KEY="$CONTACT_KEY" JIESU_DATA_DIR="$WORK/app" \
    nohup java -Xmx512m -jar "$JAR" \
    --spring.profiles.active=demo \
    --server.port="$port" \
    --server.forward-headers-strategy=native \
    --jiesu.timers.instance-name="app$n" \
    --jiesu.open311.client-limit=1000000 \
    --jiesu.rate-limit.submissions=1000000 \
    --jiesu.rate-limit.look-ups=1000000 \
    >> "$WORK/app$n.log" 2>&1 &
  echo $! > "$WORK/app$n.pid"
}

wait_healthy() {
  local n=$1 port=${APP_PORTS[$1 - 1]} started=$SECONDS
  until curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health"; do
    kill -0 "$(cat "$WORK/app$n.pid")" 2> /dev/null || {
      tail -30 "$WORK/app$n.log" >&2
      fail "instance $n exited while starting"
    }
    ((SECONDS - started < 600)) || fail "instance $n not healthy after 600 s"
    sleep 1
  done
  echo $((SECONDS - started))
}

say "Starting instance 1 on ${APP_PORTS[0]} (demo profile: units, accounts, the Open311 demo client)"
start_app 1
took=$(wait_healthy 1) || fail "instance 1 did not become healthy"
say "Instance 1 healthy after $took s"
say "Starting instance 2 on ${APP_PORTS[1]}"
start_app 2
took=$(wait_healthy 2) || fail "instance 2 did not become healthy"
say "Instance 2 healthy after $took s"

say "Starting nginx on $LB_PORT"
nginx -p "$WORK/nginx/" -e "$WORK/nginx/logs/error.log" -c "$HERE/nginx.conf"
curl -fsS -o /dev/null "http://127.0.0.1:$LB_PORT/actuator/health" || fail "nginx does not reach the instances"

CODES=$(curl -fsS "http://127.0.0.1:$LB_PORT/open311/v2/services.json" |
  grep -o '"service_code":"[^"]*"' | cut -d'"' -f4 | paste -sd, -)
[[ -n $CODES ]] || fail "no services in /open311/v2/services.json"
say "Services: $CODES"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
API_BEFORE=$(psql_at $PRIMARY_PORT $DB "select count(*) from request where channel = 'API'")
MAX_ID_BEFORE=$(psql_at $PRIMARY_PORT $DB "select coalesce(max(id), 0) from request")

# --------------------------------------------------------------------------------------------------- the load
# Replication lag, sampled every second while the load runs.
(
  while true; do
    psql_at $PRIMARY_PORT postgres "select coalesce(extract(epoch from replay_lag) * 1000, 0)::numeric(10,1),
        pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) from pg_stat_replication" 2> /dev/null |
      tr '|' ' ' >> "$WORK/lag.txt"
    sleep 1
  done
) &
LAG_PID=$!

say "Load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, Open311 POSTs through nginx"
RUN_ID="scale-$(date -u +%Y%m%dT%H%M%S)"
WRK_IDS_FILE="$WORK/acknowledged.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s \
  -s "$HERE/post.lua" "http://127.0.0.1:$LB_PORT" -- "$CODES" "$RUN_ID" > "$WORK/wrk.txt" 2>&1 &
LOAD_PID=$!

load_started=$SECONDS
sleep $((DURATION / 3))
OUTSTANDING_AT_STOP=$(psql_at $PRIMARY_PORT $DB "select (select count(*) from follow_up) + (select count(*) from event_publication where completion_date is null)")
say "Stopping instance 1 (SIGTERM, graceful); $OUTSTANDING_AT_STOP follow-ups outstanding"
PID1=$(cat "$WORK/app1.pid")
stop_started=$SECONDS
kill -TERM "$PID1"
# It stops taking requests at once; finishing its follow-ups may take up to the shutdown phase timeout.
until ! kill -0 "$PID1" 2> /dev/null || ((SECONDS - load_started >= DURATION * 2 / 3)); do sleep 0.2; done
if kill -0 "$PID1" 2> /dev/null; then
  say "Instance 1 still finishing its work; waiting for it to exit before starting it again"
  while kill -0 "$PID1" 2> /dev/null; do sleep 0.2; done
fi
STOP_SECONDS=$((SECONDS - stop_started))
rm -f "$WORK/app1.pid"
say "Instance 1 exited after $STOP_SECONDS s"
while ((SECONDS - load_started < DURATION * 2 / 3)); do sleep 0.2; done
say "Starting instance 1 again"
RESTARTED_AT=$((SECONDS - load_started))
start_app 1
RESTART_SECONDS=$(wait_healthy 1) || fail "instance 1 did not come back"
say "Instance 1 healthy again after $RESTART_SECONDS s"

wait "$LOAD_PID" || true
LOAD_PID=""
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
OUTSTANDING_END=$(psql_at $PRIMARY_PORT $DB "select (select count(*) from follow_up) + (select count(*) from event_publication where completion_date is null)")
kill "$LAG_PID" 2> /dev/null || true
LAG_PID=""
cat "$WORK/wrk.txt"

# ------------------------------------------------------------------------------------------------- the checks
value() { awk -v k="$1" '$1 == k { print $2 }' "$WORK/wrk.txt"; }
status_count() { awk -v s="$1" '$1 == "STATUS" && $2 == s { print $3 }' "$WORK/wrk.txt"; }
CREATED_201=$(status_count 201)
CREATED_201=${CREATED_201:-0}
SERVER_ERRORS=$(awk '$1 == "STATUS" && $2 >= 500 { n += $3 } END { print n + 0 }' "$WORK/wrk.txt")
OTHER=$(awk '$1 == "STATUS" && $2 != 201 { printf "%s=%s ", $2, $3 }' "$WORK/wrk.txt")
sleep 2
API_AFTER=$(psql_at $PRIMARY_PORT $DB "select count(*) from request where channel = 'API'")
IN_DB=$((API_AFTER - API_BEFORE))

# Every acknowledged id must be a request in the primary; requests wrk sent but stopped waiting for at the end of the
# run (at most one per connection) may be in the primary without an acknowledgement.
as_pg bash -c "cat > '$WORK/pg/acknowledged.txt'" < "$WORK/acknowledged.txt"
ACK_LINES=$(wc -l < "$WORK/acknowledged.txt")
read -r ACK_DISTINCT ACK_FOUND < <(psql_at $PRIMARY_PORT $DB "
  create temp table ack (id bigint);
  copy ack from '$WORK/pg/acknowledged.txt';
  select count(distinct a.id), count(distinct r.id) from ack a left join request r on r.id = a.id and r.channel = 'API'
  " | tail -1 | tr '|' ' ')
LOST=$((ACK_DISTINCT - ACK_FOUND))
UNACKNOWLEDGED=$((IN_DB - ACK_DISTINCT))
DUPLICATE_KEYS=$(psql_at $PRIMARY_PORT $DB "select count(*) from (select idempotency_key from open311_token
  where idempotency_key like '$RUN_ID-%' group by idempotency_key having count(*) > 1) d")
RETRIED=$(grep -c 'up=\[127.0.0.1:[0-9]*, ' "$WORK/nginx/logs/access.log" || true)

# The replica: a dashboard and an Open311 list through nginx, and its own statistics before and after.
sleep 1
replica_stats() { psql_at $REPLICA_PORT postgres "select xact_commit || ' ' || tup_returned from pg_stat_database where datname = '$DB'"; }
read -r XACT_BEFORE TUP_BEFORE < <(replica_stats)
# The application's statements are prepared: PostgreSQL logs them as "execute <name>: …".
LOGGED_BEFORE=$(grep -c ' execute ' "$WORK/pg/replica.log" || true)
TODAY=$(date -u +%Y-%m-%dT00:00:00Z)
for _ in 1 2 3 4 5; do
  curl -fsS -o /dev/null -u supervisor:jiesu-demo "http://127.0.0.1:$LB_PORT/dashboard/data"
  curl -fsS -o /dev/null "http://127.0.0.1:$LB_PORT/open311/v2/requests.json?page_size=20&start_date=$TODAY"
done
sleep 1
read -r XACT_AFTER TUP_AFTER < <(replica_stats)
LOGGED_AFTER=$(grep -c ' execute ' "$WORK/pg/replica.log" || true)
REPLICA_SAMPLE=$(grep ' execute ' "$WORK/pg/replica.log" | grep -m1 -E 'from (request|assessment_rollup) ' |
  sed 's/.* execute [^:]*: //' | tr -s ' \t' ' ' | cut -c1-100 || true)
REPLICA_REQUESTS=$(psql_at $REPLICA_PORT $DB "select count(*) from request where channel = 'API'")

LAG_MAX_MS=$(awk '{ if ($1 > m) m = $1 } END { printf "%.1f", m + 0 }' "$WORK/lag.txt")
LAG_MAX_BYTES=$(awk '{ if ($2 > m) m = $2 } END { print m + 0 }' "$WORK/lag.txt")
LAG_MEDIAN_MS=$(awk '{ print $1 }' "$WORK/lag.txt" | sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)]; else print 0 }')
OUTSTANDING_AFTER=$(psql_at $PRIMARY_PORT $DB "select (select count(*) from follow_up) + (select count(*) from event_publication where completion_date is null)")
LAG_NOW=$(psql_at $PRIMARY_PORT postgres "select coalesce(replay_lag::text, 'caught up') from pg_stat_replication")

# -------------------------------------------------------------------------------------------------- summary
cat << EOF

================================ Jiesu scale test ================================
date (UTC)           $(date -u '+%Y-%m-%d %H:%M')
machine              $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB, $(uname -r); load average $LOAD_BEFORE before, $LOAD_AFTER after
postgres             $(basename "$(dirname "$PGBIN")"), primary :$PRIMARY_PORT, streaming replica :$REPLICA_PORT
instances            2 x java -Xmx512m (:${APP_PORTS[0]}, :${APP_PORTS[1]}) behind nginx :$LB_PORT
load                 wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, Open311 POST /open311/v2/requests.json
instance 1           SIGTERM at $((DURATION / 3)) s (exited after $STOP_SECONDS s); started at $RESTARTED_AT s, healthy $RESTART_SECONDS s later
throughput           $(value RPS) requests/s over $(value SECONDS) s
latency              p50 $(value P50_MS) ms, p90 $(value P90_MS) ms, p99 $(value P99_MS) ms, max $(value MAX_MS) ms
answers              201: $CREATED_201   others: ${OTHER:-none}   5xx: $SERVER_ERRORS
socket errors        $(awk '$1 == "ERRORS" { $1 = ""; print }' "$WORK/wrk.txt")
retried by nginx     $RETRIED requests went to the second instance after the first failed them
in the primary       $IN_DB new API requests; acknowledged ids $ACK_DISTINCT ($ACK_LINES lines), found $ACK_FOUND
lost                 $LOST acknowledged but missing; duplicate Idempotency-Keys: $DUPLICATE_KEYS
unacknowledged       $UNACKNOWLEDGED filed but never answered to wrk (in flight when it stopped; at most $CONNECTIONS)
follow-ups pending   $OUTSTANDING_AT_STOP at the SIGTERM, $OUTSTANDING_END once load and restart were over, $OUTSTANDING_AFTER after the checks
replica              $REPLICA_REQUESTS API requests replicated; xact_commit $XACT_BEFORE -> $XACT_AFTER, tup_returned $TUP_BEFORE -> $TUP_AFTER
                     statements the application ran on the replica: $LOGGED_BEFORE -> $LOGGED_AFTER
                     e.g. ${REPLICA_SAMPLE:-none}
replication lag      replay_lag max $LAG_MAX_MS ms, median $LAG_MEDIAN_MS ms, max $LAG_MAX_BYTES bytes behind; after: $LAG_NOW
==================================================================================
EOF

verdict=0
((CREATED_201 > 0)) || { say "FAIL: no request was acknowledged"; verdict=1; }
((LOST == 0)) || { say "FAIL: $LOST acknowledged requests are not in the primary"; verdict=1; }
((ACK_LINES == ACK_DISTINCT)) || { say "FAIL: an id was acknowledged twice"; verdict=1; }
((SERVER_ERRORS == 0)) || { say "FAIL: $SERVER_ERRORS answers were 5xx"; verdict=1; }
((DUPLICATE_KEYS == 0)) || { say "FAIL: an Idempotency-Key was filed twice"; verdict=1; }
((UNACKNOWLEDGED >= 0 && UNACKNOWLEDGED <= CONNECTIONS)) ||
  { say "FAIL: $UNACKNOWLEDGED requests in the primary that wrk never saw acknowledged"; verdict=1; }
((XACT_AFTER > XACT_BEFORE && LOGGED_AFTER > LOGGED_BEFORE)) ||
  { say "FAIL: the dashboard and Open311 reads did not reach the replica"; verdict=1; }
if ((verdict == 0)); then
  say "PASS: nothing lost, no 5xx, reads served by the replica"
fi
exit $verdict
