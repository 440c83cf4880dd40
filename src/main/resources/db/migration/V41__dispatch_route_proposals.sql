-- The catalogue's proposal for each request, worked out after intake by a follow-up of RequestReceived and shown in
-- the operator's queue. One per request: a follow-up delivered twice (a retry after a crash) adds nothing.
create table route_proposal (
    request_id       bigint primary key references request (id),
    category_code    text references category (code),
    unit_id          bigint references unit (id),
    unit_name        text,
    place_unit_id    bigint references unit (id),
    fallback         boolean not null default false,
    support_unit_ids bigint[] not null default '{}',
    explanation      text not null,
    proposed_at      timestamp with time zone not null
);
