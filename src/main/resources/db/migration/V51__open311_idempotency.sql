-- A client that retries a filing with the same Idempotency-Key gets the same request back, not a second one.
alter table open311_token add column idempotency_key text;
alter table open311_token add column fingerprint text;
create unique index open311_token_idempotency_idx on open311_token (client_id, idempotency_key)
    where idempotency_key is not null;
