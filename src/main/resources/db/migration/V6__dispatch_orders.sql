-- Time limits and caps as data (defaults from Beijing's local standard); districts change them, code does not.
create table time_rule (
    name   text primary key,
    amount int  not null check (amount > 0),
    unit   text not null check (unit in ('HOURS', 'WORKING_DAYS', 'TIMES'))
);
insert into time_rule (name, amount, unit) values
    ('SIGN', 2, 'HOURS'),
    ('EMERGENCY', 2, 'HOURS'),
    ('UTILITY', 24, 'HOURS'),
    ('ORDINARY', 7, 'WORKING_DAYS'),
    ('COMPLEX', 15, 'WORKING_DAYS'),
    ('RETURN_WINDOW', 1, 'WORKING_DAYS'),
    ('EXTENSION', 3, 'WORKING_DAYS'),
    ('MAX_EXTENSIONS', 3, 'TIMES');

create table work_order (
    id                  bigint generated always as identity primary key,
    request_id          bigint not null references request (id),
    unit_id             bigint not null references unit (id),
    role                text not null check (role in ('LEAD', 'SUPPORT')),
    state               text not null check (state in ('DISPATCHED', 'SIGNED', 'RETURN_REQUESTED', 'REPLIED', 'CLOSED',
                                                       'RETURNED', 'ESCALATED', 'MERGED')),
    state_before_return text,
    limit_class         text not null,
    route_note          text not null default '',
    fallback            boolean not null default false,
    dispatched_at       timestamp with time zone not null,
    sign_deadline       timestamp with time zone not null,
    reply_deadline      timestamp with time zone not null,
    signed_at           timestamp with time zone,
    replied_at          timestamp with time zone,
    closed_at           timestamp with time zone,
    reply               text,
    final_reply         boolean not null default false,
    final_signed_off_by text,
    return_reason       text,
    extensions          int not null default 0,
    redo_count          int not null default 0,
    urged_at            timestamp with time zone,
    urge_note           text,
    merged_into         bigint references work_order (id),
    version             int not null default 0
);
create index work_order_unit_state_idx on work_order (unit_id, state);
create index work_order_request_idx on work_order (request_id);

-- The requests an order answers: its own, and those merged into it (并单). Each is answered and called back.
create table order_request (
    order_id   bigint not null references work_order (id),
    request_id bigint not null references request (id),
    primary key (order_id, request_id)
);
create index order_request_request_idx on order_request (request_id);

create table order_history (
    id         bigint generated always as identity primary key,
    order_id   bigint not null references work_order (id),
    at         timestamp with time zone not null,
    actor      text not null,
    action     text not null,
    from_state text,
    to_state   text not null,
    unit_id    bigint not null references unit (id),
    reason     text not null default ''
);
create index order_history_order_idx on order_history (order_id);
create trigger order_history_append_only before update or delete on order_history
    for each row execute function refuse_change();
