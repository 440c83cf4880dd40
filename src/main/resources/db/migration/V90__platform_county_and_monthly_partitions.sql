-- Growing past one machine (issue 10, docs/scaling.md).
--
-- 1. The county code on every large table, so that the data can be split by county (e.g. Citus, distributed by
--    county_id) without a schema change: request, work_order, order_history, request_log. The application sets a
--    request's county from its community or the grid at its point; triggers fill the rest from the parent row, so
--    every writer (the application, the demo, the bulk generator's COPY) gets it.
-- 2. The append-only history tables (order_history, request_log) partitioned by month on their time, so that old
--    months can be detached, archived and dropped whole; jiesu_month_partitions() makes the months ahead, and the
--    application calls it daily (org.jiesu.platform.MonthlyPartitions). A default partition takes anything outside
--    the months made. Tables that other tables reference (request, work_order) are not partitioned: see scaling.md.

create function unit_county(start_unit bigint) returns bigint language sql stable as $$
    with recursive up (id, parent_id, kind, depth) as (
        select id, parent_id, kind, 0 from unit where id = start_unit
        union all
        select u.id, u.parent_id, u.kind, up.depth + 1 from unit u join up on u.id = up.parent_id where up.depth < 12)
    select id from up where kind = 'COUNTY' order by depth limit 1
$$;

alter table request add column county_id bigint;
alter table work_order add column county_id bigint;

update request set county_id = unit_county(community_id) where community_id is not null;
update request r set county_id = (select unit_county(o.unit_id) from work_order o
                                   where o.request_id = r.id order by (o.role = 'LEAD') desc, o.id limit 1)
 where county_id is null;
update work_order o set county_id = coalesce((select r.county_id from request r where r.id = o.request_id),
                                             unit_county(o.unit_id));

create function request_county() returns trigger language plpgsql as $$
begin
    if new.county_id is null and new.community_id is not null then
        new.county_id := unit_county(new.community_id);
    end if;
    return new;
end $$;
create trigger request_county before insert on request for each row execute function request_county();

create function work_order_county() returns trigger language plpgsql as $$
begin
    if new.county_id is null then
        new.county_id := coalesce((select county_id from request where id = new.request_id), unit_county(new.unit_id));
    end if;
    return new;
end $$;
create trigger work_order_county before insert on work_order for each row execute function work_order_county();

create index request_county_received_idx on request (county_id, received_at);
create index work_order_county_idx on work_order (county_id, state);

-- Monthly partitions: <table>_yYYYYmMM for each month from first to last (inclusive), made if missing.
create function jiesu_month_partitions(parent text, first_month date, last_month date) returns int
    language plpgsql as $$
declare
    month date := date_trunc('month', first_month);
    made int := 0;
    name text;
begin
    while month <= last_month loop
        name := format('%s_y%sm%s', parent, to_char(month, 'YYYY'), to_char(month, 'MM'));
        if to_regclass(name) is null then
            execute format('create table %I partition of %I for values from (%L) to (%L)',
                           name, parent, month::timestamptz, (month + interval '1 month')::timestamptz);
            made := made + 1;
        end if;
        month := month + interval '1 month';
    end loop;
    return made;
end $$;

-- order_history, partitioned by month of "at"
alter table order_history rename to order_history_before_v90;
alter index order_history_pkey rename to order_history_before_v90_pkey;
alter index order_history_order_idx rename to order_history_before_v90_order_idx;
create table order_history (
    id         bigint generated always as identity,
    order_id   bigint not null references work_order (id),
    at         timestamp with time zone not null,
    actor      text not null,
    action     text not null,
    from_state text,
    to_state   text not null,
    unit_id    bigint not null references unit (id),
    reason     text not null default '',
    county_id  bigint,
    primary key (id, at)
) partition by range (at);
create table order_history_default partition of order_history default;
select jiesu_month_partitions('order_history',
                              (coalesce((select min(at) from order_history_before_v90), now()) - interval '24 months')::date,
                              (now() + interval '24 months')::date);
insert into order_history (id, order_id, at, actor, action, from_state, to_state, unit_id, reason, county_id)
    overriding system value
select h.id, h.order_id, h.at, h.actor, h.action, h.from_state, h.to_state, h.unit_id, h.reason, o.county_id
  from order_history_before_v90 h join work_order o on o.id = h.order_id;
select setval(pg_get_serial_sequence('order_history', 'id'),
              greatest(1, coalesce((select max(id) from order_history_before_v90), 0)),
              (select count(*) > 0 from order_history_before_v90));
drop table order_history_before_v90;
create index order_history_order_idx on order_history (order_id);
create index order_history_county_at_idx on order_history (county_id, at);
create trigger order_history_append_only before update or delete on order_history
    for each row execute function refuse_change();

create function order_history_county() returns trigger language plpgsql as $$
begin
    if new.county_id is null then
        new.county_id := (select county_id from work_order where id = new.order_id);
    end if;
    return new;
end $$;
create trigger order_history_county before insert on order_history
    for each row execute function order_history_county();

-- request_log, partitioned by month of "at"
alter table request_log rename to request_log_before_v90;
alter index request_log_pkey rename to request_log_before_v90_pkey;
alter index request_log_request_idx rename to request_log_before_v90_request_idx;
create table request_log (
    id         bigint generated always as identity,
    request_id bigint not null references request (id),
    at         timestamp with time zone not null,
    actor      text not null,
    action     text not null,
    detail     text not null default '',
    county_id  bigint,
    primary key (id, at)
) partition by range (at);
create table request_log_default partition of request_log default;
select jiesu_month_partitions('request_log',
                              (coalesce((select min(at) from request_log_before_v90), now()) - interval '24 months')::date,
                              (now() + interval '24 months')::date);
insert into request_log (id, request_id, at, actor, action, detail, county_id)
    overriding system value
select l.id, l.request_id, l.at, l.actor, l.action, l.detail, r.county_id
  from request_log_before_v90 l join request r on r.id = l.request_id;
select setval(pg_get_serial_sequence('request_log', 'id'),
              greatest(1, coalesce((select max(id) from request_log_before_v90), 0)),
              (select count(*) > 0 from request_log_before_v90));
drop table request_log_before_v90;
create index request_log_request_idx on request_log (request_id);
create trigger request_log_append_only before update or delete on request_log
    for each row execute function refuse_change();

create function request_log_county() returns trigger language plpgsql as $$
begin
    if new.county_id is null then
        new.county_id := (select county_id from request where id = new.request_id);
    end if;
    return new;
end $$;
create trigger request_log_county before insert on request_log for each row execute function request_log_county();
