-- Hot issues: clusters of requests about the same matter (docs/hot-issues.md).
-- The clusters are derived data: a recompute may replace them all, under a new generation.
create table hot_cluster (
    id          bigint generated always as identity primary key,
    generation  integer not null,
    title       text not null,
    county_id   bigint references unit (id),
    first_at    timestamp with time zone not null,
    last_at     timestamp with time zone not null,
    size        integer not null check (size >= 0),
    requesters  integer not null check (requesters >= 0),
    supports    integer not null default 0 check (supports >= 0),
    urgent      integer not null default 0 check (urgent >= 0),
    heat        double precision not null default 0,
    latitude    double precision,
    longitude   double precision,
    -- a cluster shown to be about the same matter as an earlier one joins it; themes follow this pointer
    merged_into bigint references hot_cluster (id),
    updated_at  timestamp with time zone not null
);
create index hot_cluster_live_idx on hot_cluster (heat desc) where merged_into is null;

create table hot_member (
    request_id bigint primary key references request (id),
    cluster_id bigint not null references hot_cluster (id),
    -- arrival order across instances: an instance catches its in-memory index up from the last seq it has seen
    seq        bigint generated always as identity,
    joined_at  timestamp with time zone not null
);
create index hot_member_cluster_idx on hot_member (cluster_id);
create unique index hot_member_seq_idx on hot_member (seq);

-- One row: which generation of clusters is current, and a recompute's progress while one runs.
create table hot_state (
    id             integer primary key check (id = 1),
    generation     integer not null,
    recompute_done integer,
    recompute_of   integer,
    recomputed_at  timestamp with time zone
);
insert into hot_state (id, generation) values (1, 1);
