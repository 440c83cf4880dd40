create table callback (
    id           bigint generated always as identity primary key,
    order_id     bigint not null references work_order (id),
    request_id   bigint not null references request (id),
    -- the order's redo count when the call was made: a redone order is called back again
    round        int not null,
    at           timestamp with time zone not null,
    actor        text not null,
    outcome      text not null check (outcome in ('RESOLVED', 'UNRESOLVED', 'UNREACHABLE')),
    satisfaction text check (satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    note         text not null default ''
);
create index callback_order_idx on callback (order_id, request_id, round);
create trigger callback_append_only before update or delete on callback
    for each row execute function refuse_change();
