-- Idempotency-Key on API POSTs: the answer to the first request with a key is kept here, written in the same
-- transaction as what that request created, so a retry gets the same answer and creates nothing twice.
create table idempotency_key (
    caller       text not null,
    key          text not null,
    fingerprint  text not null,
    status       int,
    content_type text,
    location     text,
    body         bytea,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    primary key (caller, key)
);
create index idempotency_key_expires_idx on idempotency_key (expires_at);
