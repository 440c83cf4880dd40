create table request (
    id            bigint generated always as identity primary key,
    tracking_code text not null unique,
    channel       text not null check (channel in ('WEB', 'HOTLINE', 'GRID_VISIT', 'CONSULTATION_MEETING', 'API')),
    type          text not null check (type in ('CONSULTATION', 'HELP', 'COMPLAINT', 'REPORT', 'SUGGESTION')),
    text          text not null check (length(text) between 1 and 2000),
    category_code text references category (code),
    urgency       text not null check (urgency in ('NORMAL', 'EMERGENCY')),
    latitude      double precision check (latitude between -90 and 90),
    longitude     double precision check (longitude between -180 and 180),
    community_id  bigint references unit (id),
    address       text,
    contact_name  text,
    contact_phone text,
    confidential  boolean not null default false,
    status        text not null check (status in ('RECEIVED', 'ANSWERED', 'DISPATCHED')),
    answer        text,
    received_at   timestamp with time zone not null,
    received_by   text not null
);
create index request_status_idx on request (status);

create table request_log (
    id         bigint generated always as identity primary key,
    request_id bigint not null references request (id),
    at         timestamp with time zone not null,
    actor      text not null,
    action     text not null,
    detail     text not null default ''
);
create index request_log_request_idx on request_log (request_id);
create trigger request_log_append_only before update or delete on request_log
    for each row execute function refuse_change();
