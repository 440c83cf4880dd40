-- Consultation meetings (民情恳谈): a unit meets residents at a time and place on a topic; afterwards staff record how
-- many came (a count, never names) and the minutes. Each matter raised becomes a request on the channel
-- CONSULTATION_MEETING; meeting_matter links it back so the meeting's public page can report what became of it.
create table meeting (
    id          bigint generated always as identity primary key,
    unit_id     bigint not null references unit (id),
    starts_at   timestamp with time zone not null,
    place       text not null check (length(place) between 1 and 200),
    topic       text not null check (length(topic) between 1 and 200),
    attendance  integer check (attendance between 0 and 100000),
    minutes     text check (length(minutes) <= 10000),
    reported_at timestamp with time zone,
    reported_by text,
    created_at  timestamp with time zone not null,
    created_by  text not null,
    check ((attendance is null) = (reported_at is null))
);
create index meeting_starts_idx on meeting (starts_at, id);
create index meeting_unit_idx on meeting (unit_id, starts_at);

create table meeting_matter (
    meeting_id bigint not null references meeting (id),
    -- a request is raised at one meeting only
    request_id bigint not null unique references request (id),
    primary key (meeting_id, request_id)
);
