-- Monthly themes (每月一题): a matter picked from the hot-issue clusters, a lead unit, tasks with deadlines, closed
-- with a summary. Themes keep the cluster ids they were made from; readers follow hot_cluster.merged_into.
create table theme (
    id           bigint generated always as identity primary key,
    -- the first day of the month the theme belongs to
    month        date not null check (extract(day from month) = 1),
    title        text not null check (length(title) between 1 and 200),
    lead_unit_id bigint not null references unit (id),
    description  text not null default '' check (length(description) <= 4000),
    status       text not null check (status in ('OPEN', 'CLOSED')),
    summary      text check (length(summary) <= 4000),
    created_at   timestamp with time zone not null,
    created_by   text not null,
    closed_at    timestamp with time zone,
    closed_by    text,
    check ((status = 'CLOSED') = (closed_at is not null and closed_by is not null and summary is not null))
);
create index theme_month_idx on theme (month desc, id);

create table theme_supporting_unit (
    theme_id bigint not null references theme (id),
    unit_id  bigint not null references unit (id),
    primary key (theme_id, unit_id)
);

create table theme_cluster (
    theme_id   bigint not null references theme (id),
    cluster_id bigint not null references hot_cluster (id),
    primary key (theme_id, cluster_id)
);

create table theme_task (
    id         bigint generated always as identity primary key,
    theme_id   bigint not null references theme (id),
    title      text not null check (length(title) between 1 and 200),
    unit_id    bigint not null references unit (id),
    due_on     date not null,
    note       text not null default '' check (length(note) <= 2000),
    created_at timestamp with time zone not null,
    created_by text not null,
    done_at    timestamp with time zone,
    done_by    text,
    check ((done_at is null) = (done_by is null))
);
create index theme_task_theme_idx on theme_task (theme_id, due_on, id);
