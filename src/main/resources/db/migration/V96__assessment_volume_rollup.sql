-- The dashboard's volume panels (orders by local day, by top-level category, by the units below the root) counted
-- work_order joined to request on every view: 1.8 to 3.3 s for a quarter at 1,000,000 orders (issue 10). They now
-- read sums kept like the three rates' (ADR 11, docs/adr/0015-volume-rollup-and-newest-map-points.md).
--
-- Each order's fact gains its local dispatch day (in jiesu.zone, as Rollups computes the months) and its request's
-- top-level category, coalesce(parent_code, code, '-') as the live count computed it. The facts are emptied rather
-- than filled here: the zone is the application's setting, not the database's, so the one place that computes facts
-- (Rollups.FACTS) does it. An empty fact table while orders exist is what Rollups.buildWhenMissing looks for, so the
-- first start after this migration rebuilds the facts, the rates' sums and the volumes before it reports ready
-- (17.9 s at 1,000,000 orders, docs/benchmarks.md). Until the rebuild's swap the rates read their old sums, and the
-- volumes are empty; an order folded in meanwhile has no old fact to take out, which the rebuild then corrects.
truncate assessment_order_fact;
alter table assessment_order_fact
    add column dispatch_day date not null,
    add column category     text not null;

-- Every order whatever its exclusion, summed by unit, local day and top-level category. The key leads with the unit
-- so that a subtree over a day range is one index range per unit: a quarter of a prefecture is a few thousand rows
-- whatever the number of orders.
create table assessment_volume (
    unit_id  bigint not null,
    day      date not null,
    category text not null,
    n        bigint not null,
    primary key (unit_id, day, category)
);

-- The map shows the newest orders of the period: a backward scan of this index stops after the first thousand
-- requests with a place, where the old read sorted every order of the period by request (DISTINCT ON).
create index work_order_dispatched_idx on work_order (dispatched_at);
