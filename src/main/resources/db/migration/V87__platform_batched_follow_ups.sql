-- Follow-up work that is done in batches (org.jiesu.platform.BatchedFollowUps): the transaction that records a fact
-- adds one row per follow-up; a worker takes up to a batch of rows with FOR UPDATE SKIP LOCKED, does the work and
-- deletes the rows in one transaction. Several instances share the rows; a crash leaves them for the next try.
create table follow_up (
    queue      text        not null,
    subject    bigint      not null,
    queued_at  timestamp with time zone not null default now(),
    not_before timestamp with time zone not null default now(),
    attempts   int         not null default 0,
    last_error text,
    primary key (queue, subject)
);
create index follow_up_due_idx on follow_up (queue, not_before, subject);
