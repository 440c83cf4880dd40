#!/usr/bin/env bash
# Query plans of the hottest queries under bench/load/run.sh, and of the dashboard's volume and map reads (7 to 9), on
# a generated database:
#   bench/load/plans.sh DB > plans.txt
# Each is run once to warm the cache, then with EXPLAIN (ANALYZE, BUFFERS). The parameters are taken from the data:
# the newest requests, the largest hot-issue cluster, every unit, the last quarter.
set -euo pipefail
db=${1:?usage: plans.sh DATABASE}
psql="psql -h 127.0.0.1 -U postgres -X -q -d $db"
plan() { # title, sql
  echo "### $1"
  echo
  echo '```sql'
  echo "$2"
  echo '```'
  echo
  $psql -Atc "$2" > /dev/null
  echo '```'
  $psql -Atc "explain (analyze, buffers, costs off) $2"
  echo '```'
  echo
}
echo "Rows: $($psql -Atc "select format('%s requests, %s orders, %s history rows, %s hot-issue members',
  (select count(*) from request), (select count(*) from work_order), (select count(*) from order_history),
  (select count(*) from hot_member))")"
echo

plan "1. Open311 list, newest 100 of the last 90 days (Intake.receivedBetween)" \
"select * from request where received_at >= now() - interval '90 days' and received_at < now()
 order by received_at desc, id desc limit 100 offset 0"

ids=$($psql -Atc "select array_agg(request_id)::text from (select request_id from work_order order by id desc limit 100) x")
plan "2. The orders of a page of 100 dispatched requests (Orders.forRequests)" \
"select o.*, u.name as unit_name, x.request_id as for_request
   from (select id as order_id, request_id from work_order where request_id = any('$ids'::bigint[])
         union
         select order_id, request_id from order_request where request_id = any('$ids'::bigint[])) x
   join work_order o on o.id = x.order_id
   join unit u on u.id = o.unit_id
  order by x.request_id, o.id"

plan "3. A batch of queued follow-ups (BatchedFollowUps)" \
"select subject from follow_up where queue = 'hot-issues' and not_before <= now()
  order by subject limit 500 for update skip locked"

cluster=$($psql -Atc "select cluster_id from hot_member group by cluster_id order by count(*) desc limit 1")
plan "4. A hot-issue cluster's counts over all its members, the largest cluster (HotIssues.STORED_FIGURES)" \
"select m.cluster_id, count(*) as size,
        count(distinct r.contact_phone_hash) + count(*) filter (where r.contact_phone_hash is null) as requesters,
        count(*) filter (where r.urgency = 'EMERGENCY') as urgent, min(r.received_at), max(r.received_at)
   from hot_member m join request r on r.id = m.request_id
  where m.generation = (select generation from hot_state where id = 1) and m.cluster_id = any('{$cluster}'::bigint[])
  group by m.cluster_id"

plan "5. The dashboard's requests by category over the last quarter, every unit, counted live (Metric.VOLUME, before V96)" \
"select b.outcome, count(*) as n from (
   select o.id as order_id, coalesce(cat.parent_code, cat.code, '-') as outcome
     from work_order o join request r on r.id = o.request_id left join category cat on cat.code = r.category_code
    where o.unit_id = any(array(select id from unit))
      and o.dispatched_at >= date_trunc('month', now()) - interval '2 months' and o.dispatched_at < now()) b
 group by b.outcome"

# The units just below the root, each with its subtree, as Rates.volumes binds them.
read -r roots members <<< "$($psql -Atc "
  with recursive t (root, id) as (
      select c.id, c.id from unit c join unit p on p.id = c.parent_id where p.parent_id is null
      union all
      select t.root, u.id from unit u join t on u.parent_id = t.id)
  select array_agg(root order by root, id)::text || ' ' || array_agg(id order by root, id)::text from t")"

plan "7. The dashboard's volumes over the last quarter, every unit, from the rollup (Rates.VOLUMES, V96)" \
"select grouping(m.root) as whole, m.root, v.day, v.category, sum(v.n) as n
   from assessment_volume v
        left join unnest('$roots'::bigint[], '$members'::bigint[]) as m(root, member) on m.member = v.unit_id
  where v.unit_id = any(array(select id from unit))
    and v.day >= cast(date_trunc('month', now()) - interval '2 months' as date) and v.day <= cast(now() as date)
  group by grouping sets ((v.day, v.category), (m.root))
 having sum(v.n) <> 0"

plan "8. The map's points over the last quarter, every unit, the newest 1,000 (Rates.POINTS, V96)" \
"select o.id, r.latitude, r.longitude, o.state
   from work_order o join request r on r.id = o.request_id
  where o.unit_id = any(array(select id from unit))
    and o.dispatched_at >= date_trunc('month', now()) - interval '2 months' and o.dispatched_at < now()
    and r.latitude is not null and r.longitude is not null
    and not exists (
        select 1 from work_order newer
         where newer.request_id = o.request_id and newer.unit_id = any(array(select id from unit))
           and newer.dispatched_at < now()
           and (newer.dispatched_at, newer.id) > (o.dispatched_at, o.id))
  order by o.dispatched_at desc, o.id desc
  limit 1000"

plan "9. The map's points over the last quarter, every unit, before V96 (distinct on the request)" \
"select distinct on (r.id) o.id, r.latitude, r.longitude, o.state
   from work_order o join request r on r.id = o.request_id
  where o.unit_id = any(array(select id from unit))
    and o.dispatched_at >= date_trunc('month', now()) - interval '2 months' and o.dispatched_at < now()
    and r.latitude is not null and r.longitude is not null
  order by r.id, o.role, o.id
  limit 1000"

code=$($psql -Atc "select tracking_code from request order by id desc limit 1")
plan "6. Tracking by code (Intake.byTrackingCode)" \
"select * from request where tracking_code = '$code'"
