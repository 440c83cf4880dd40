#!/usr/bin/env bash
# Jiesu's load harness: one run on loopback that measures the references and the platform side by side, so that the
# figures are ratios that hold on any machine. Bounded in time (each phase has a fixed duration) and in size.
#
#   bench/load/run.sh [--rows N] [--seconds S] [--connections C] [--jar FILE] [--db NAME] [--out DIR]
#
# Needs: java, wrk, pgbench, psql, python3, curl, and a PostgreSQL server on 127.0.0.1:5432 that trusts the user
# postgres (the CI machine's). It creates (and at the end keeps, for looking into) the database --db, default
# jiesu_bench. With --rows N it first fills it with N generated orders (`jiesu.jar generate`). Phases:
#   1. PostgreSQL's own rate: pgbench, 8 clients, one request-sized row per transaction (pgbench-insert.sql)
#   2. the application started on that database with -Xmx512m: seconds to healthy; then, on a first start, the wait
#      for the classifier's training, and SETTLE seconds (20) of rest
# Each of the phases 3 to 6 first runs its load for WARMUP seconds (15) unrecorded, so that the JIT has compiled the
# paths it measures (a cold JVM served a third of the warm rate on the trivial endpoint).
#   3. a trivial endpoint on the same stack (GET /actuator/health/liveness)
#   4. Open311 POST create for --seconds (default 60), then the time the batched follow-ups take to catch up
#   5. Open311 GET list, 100 requests a page
#   6. the dashboard's data as a signed-in supervisor
# The heap in use is sampled every second (jstat) through phases 3 to 6. A summary is printed and written to
# --out (default /tmp/jiesu-bench) as summary.txt, with each phase's wrk output beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."

rows=0
seconds=60
connections=32
jar=target/jiesu.jar
db=jiesu_bench
out=/tmp/jiesu-bench
data=../shared/data/gov-messages
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
for tool in java wrk pgbench psql python3 curl jstat; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (Debian: apt-get install wrk postgresql-client python3 curl)" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "no $jar: build it with ./mvnw -q package -DskipTests" >&2; exit 2; }
mkdir -p "$out"
lua=bench/load/open311.lua
psql="psql -h 127.0.0.1 -U postgres -X -q"
app_pid=""
sampler_pid=""
autovacuum_was=""
cleanup() {
  if [ "$autovacuum_was" = off ]; then
    $psql -d postgres -c "alter system reset autovacuum" -c "select pg_reload_conf()" >/dev/null || true
  fi
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
}
trap cleanup EXIT

value() { grep "^$1=" "$2" | cut -d= -f2; }

# A production server vacuums; a CI server may not (this machine's has autovacuum = off in conf.d). Without it the
# follow-up queue's dead rows pile up and every look for due work reads them, so the run switches it on and back.
autovacuum_was=$($psql -d postgres -Atc "show autovacuum")
if [ "$autovacuum_was" = off ]; then
  echo "== autovacuum is off on this server: on for this run, off again at the end"
  $psql -d postgres -c "alter system set autovacuum = on" -c "select pg_reload_conf()" >/dev/null
fi

echo "== texts from $data"
python3 bench/load/texts.py "$out/texts.txt" "$data"/*.csv

echo "== database $db"
$psql -d postgres -c "drop database if exists $db" -c "create database $db"
url="jdbc:postgresql://127.0.0.1:5432/$db"
if [ "$rows" -gt 0 ]; then
  echo "== generating $rows orders"
  JIESU_DB_URL=$url JIESU_DB_USER=postgres java -jar "$jar" generate --orders "$rows" --messages "$data/train.csv"
fi

echo "== 1. PostgreSQL reference: pgbench, 8 clients, 20 s"
$psql -d "$db" -c "drop table if exists bench_request" \
  -c "create table bench_request (like request including defaults including identity including indexes including constraints)" \
  2>/dev/null || $psql -d "$db" -f - <<'SQL'
create table bench_request (
  id bigint generated always as identity primary key, tracking_code text not null unique, channel text not null,
  type text not null, text text not null, category_code text, urgency text not null, latitude double precision,
  longitude double precision, community_id bigint, address text, contact_name text, contact_phone text,
  confidential boolean not null default false, status text not null, answer text,
  received_at timestamp with time zone not null, received_by text not null);
SQL
pgbench -h 127.0.0.1 -U postgres -n -c 8 -j 2 -T 20 -f bench/load/pgbench-insert.sql "$db" > "$out/pgbench.txt" 2>&1
pg_tps=$(grep -oP 'tps = \K[0-9.]+' "$out/pgbench.txt" | head -1)
echo "pgbench: $pg_tps inserts/s"

echo "== 2. start the application"
start=$(date +%s.%N)
JIESU_DB_URL=$url JIESU_DB_USER=postgres JIESU_DATA_DIR="$out/data" \
  java -Xmx512m -jar "$jar" --spring.profiles.active=demo --server.port=8080 \
  --jiesu.open311.client-limit=1000000000 --jiesu.rate-limit.submissions=1000000000 \
  --jiesu.rate-limit.look-ups=1000000000 > "$out/app.log" 2>&1 &
app_pid=$!
until curl -sf localhost:8080/actuator/health/readiness >/dev/null; do
  kill -0 "$app_pid" 2>/dev/null || { echo "the application stopped; see $out/app.log" >&2; exit 1; }
  sleep 0.2
done
startup=$(echo "$(date +%s.%N) - $start" | bc)
printf 'healthy after %.1f s\n' "$startup"
# A first start imports the demo's labelled texts and trains the classifier in the background (cross-validation
# included): minutes of CPU and a few hundred MB of heap that no later start repeats. Wait for it (at most 10 min).
# The seed file is imported in the background too, so a training may not have begun yet when the start is ready.
for _ in $(seq 600); do
  [ "$($psql -d "$db" -Atc "select exists (select 1 from classifier_training)
                              and not exists (select 1 from classifier_training where state = 'RUNNING')" \
        2>/dev/null || echo f)" = t ] && break
  sleep 1
done
echo "classifier: $($psql -d "$db" -Atc "select coalesce(string_agg(state, ','), 'no training') from classifier_training")"
# Let the start's background work (the hot-issue cache, autovacuum after a bulk load) finish before measuring.
sleep "${SETTLE:-20}"
services=$(curl -s localhost:8080/open311/v2/services.json \
  | python3 -c 'import json,sys; print(",".join(s["service_code"] for s in json.load(sys.stdin)))')

# Heap in use (young + old, KB), once a second, the largest seen kept in heap-max.
( max=0; while sleep 1; do
    used=$(jstat -gc "$app_pid" 2>/dev/null | awk 'NR==2 {printf "%d", $3+$4+$6+$8}') || break
    [ -n "$used" ] && [ "$used" -gt "$max" ] && max=$used && echo "$max" > "$out/heap-max"
  done ) &
sampler_pid=$!

phase() { # name, duration, wrk args after "--"
  local name=$1 duration=$2; shift 2
  wrk -t2 -c"$connections" -d"${WARMUP:-15}s" --timeout 10s -s "$lua" http://127.0.0.1:8080 -- "$@" \
    > "$out/$name-warmup.txt" 2>&1
  if [ "$name" = post ]; then # the measured POSTs start on a caught-up queue and are counted from here
    drain_queue > /dev/null
    before=$($psql -d "$db" -Atc "select count(*) from request where channel = 'API'")
  fi
  wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s -s "$lua" http://127.0.0.1:8080 -- "$@" > "$out/$name.txt" 2>&1
  printf '%-10s %6s/s  p50 %6s ms  p95 %6s ms  p99 %6s ms  %s\n' "$name" "$(value rate "$out/$name.txt")" \
    "$(value p50_ms "$out/$name.txt")" "$(value p95_ms "$out/$name.txt")" "$(value p99_ms "$out/$name.txt")" \
    "$(grep -E '^(status_|socket_errors=[1-9])' "$out/$name.txt" | tr '\n' ' ')"
}

echo "== 3. trivial endpoint"
phase trivial 20 get /actuator/health/liveness
echo "== 4. Open311 POST, $seconds s"
drain_queue() { # waits until the batched follow-ups have caught up; prints how long that took
  local drain_start
  drain_start=$(date +%s.%N)
  while [ "$($psql -d "$db" -Atc 'select count(*) from follow_up')" -gt 0 ]; do sleep 0.5; done
  echo "$(date +%s.%N) - $drain_start" | bc
}
before=0
phase post "$seconds" post "$out/texts.txt" "$services" jiesu-demo-key
drain=$(drain_queue)
after=$($psql -d "$db" -Atc "select count(*) from request where channel = 'API'")
printf 'follow-ups caught up %.1f s after the load; %d requests stored, %s answered 201\n' "$drain" \
  $((after - before)) "$(value status_201 "$out/post.txt")"
echo "== 5. Open311 GET list, 100 a page ($($psql -d "$db" -Atc 'select count(*) from request') requests)"
phase list 30 list page_size=100
echo "== 6. dashboard data, signed in"
jar_cookies="$out/cookies"
rm -f "$jar_cookies"
csrf=$(curl -s -c "$jar_cookies" localhost:8080/login | grep -oP 'name="_csrf" value="\K[^"]+' | head -1)
curl -s -b "$jar_cookies" -c "$jar_cookies" -o /dev/null -d "username=supervisor&password=jiesu-demo&_csrf=$csrf" \
  localhost:8080/login
cookie="JSESSIONID=$(awk '$6 == "JSESSIONID" {print $7}' "$jar_cookies")"
phase dashboard 20 get /dashboard/data "$cookie"

kill "$sampler_pid" 2>/dev/null || true
sampler_pid=""
heap_mb=$(( $(cat "$out/heap-max" 2>/dev/null || echo 0) / 1024 ))
post_rate=$(value rate "$out/post.txt")
{
  echo "Jiesu load run $(date -u +%FT%TZ) on $(nproc) cores, $(uname -r); database $db"
  echo "warm-up per phase (s)              ${WARMUP:-15}; autovacuum was $autovacuum_was, on for the run"
  echo "pgbench inserts/s (8 clients)      $pg_tps"
  printf 'startup to healthy (s)             %.1f\n' "$startup"
  echo "trivial GET/s                      $(value rate "$out/trivial.txt")"
  echo "Open311 POST/s                     $post_rate (p99 $(value p99_ms "$out/post.txt") ms; $(echo "scale=2; $post_rate / $pg_tps" | bc) of pgbench)"
  printf 'follow-ups caught up after (s)     %.1f\n' "$drain"
  echo "Open311 GET list/s (100 a page)    $(value rate "$out/list.txt") (p99 $(value p99_ms "$out/list.txt") ms)"
  echo "dashboard data/s                   $(value rate "$out/dashboard.txt") (p99 $(value p99_ms "$out/dashboard.txt") ms)"
  echo "largest heap in use (MB, -Xmx512m) $heap_mb"
} | tee "$out/summary.txt"
