create table notification (
    id         bigint generated always as identity primary key,
    at         timestamp with time zone not null,
    channel    text not null check (channel in ('SMS', 'PHONE', 'INBOX')),
    unit_id    bigint references unit (id),
    request_id bigint references request (id),
    order_id   bigint references work_order (id),
    text       text not null
);
create index notification_unit_idx on notification (unit_id, id);
create index notification_order_idx on notification (order_id);
