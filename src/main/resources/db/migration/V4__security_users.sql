create table app_user (
    username     text primary key,
    display_name text not null,
    password     text not null,
    role         text not null check (role in ('OPERATOR', 'GRID_WORKER', 'HANDLER', 'SUPERVISOR', 'ADMIN')),
    unit_id      bigint not null references unit (id),
    enabled      boolean not null default true,
    created_at   timestamp with time zone not null default now()
);
