-- Volunteer services: teams run by an organisation and managed by a unit, their activities for a community or village,
-- and sign-ups by display name only. A sign-up keeps no phone, no ID number and nothing that links one volunteer's
-- sign-ups across activities; it is found again only by the hash of the short code the volunteer was given.
create table volunteer_team (
    id           bigint generated always as identity primary key,
    name         text not null check (length(name) between 1 and 200),
    organisation text not null check (length(organisation) between 1 and 200),
    unit_id      bigint not null references unit (id),
    created_at   timestamp with time zone not null,
    created_by   text not null,
    unique (unit_id, name)
);

create table volunteer_activity (
    id           bigint generated always as identity primary key,
    team_id      bigint not null references volunteer_team (id),
    kind         text not null check (kind in ('FREE_CLINIC', 'HEALTH_CHECK', 'FARMING_GUIDANCE', 'OTHER')),
    title        text not null check (length(title) between 1 and 200),
    community_id bigint not null references unit (id),
    place        text not null check (length(place) between 1 and 200),
    starts_at    timestamp with time zone not null,
    ends_at      timestamp with time zone not null,
    capacity     integer not null check (capacity between 1 and 10000),
    -- kept beside the rows so that a guarded update takes the last place once, whoever else is signing up
    signed_up    integer not null default 0,
    served       integer check (served between 0 and 100000),
    served_at    timestamp with time zone,
    served_by    text,
    created_at   timestamp with time zone not null,
    created_by   text not null,
    check (ends_at > starts_at),
    check (signed_up between 0 and capacity),
    check ((served is null) = (served_at is null) and (served_at is null) = (served_by is null))
);
create index volunteer_activity_calendar_idx on volunteer_activity (community_id, starts_at);
create index volunteer_activity_starts_idx on volunteer_activity (starts_at);
create index volunteer_activity_team_idx on volunteer_activity (team_id, starts_at);

create table volunteer_signup (
    id           bigint generated always as identity primary key,
    activity_id  bigint not null references volunteer_activity (id),
    display_name text not null check (length(display_name) between 1 and 40),
    -- SHA-256 of the sign-up code in hex; the code itself is shown once and never stored
    code_hash    text not null unique,
    created_at   timestamp with time zone not null
);
create index volunteer_signup_activity_idx on volunteer_signup (activity_id, id);
