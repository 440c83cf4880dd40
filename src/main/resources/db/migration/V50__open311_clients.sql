-- Open311 clients and their API keys. Only a SHA-256 of each key is kept: a leaked table gives no key.
create table open311_client (
    id          bigint generated always as identity primary key,
    name        text not null unique check (length(name) between 1 and 100),
    key_hash    text not null unique,
    created_at  timestamp with time zone not null,
    created_by  text not null,
    revoked_at  timestamp with time zone
);

-- A token handed out on filing; tokens/{token} tells which request it became.
create table open311_token (
    token      text primary key,
    request_id bigint not null unique references request (id),
    client_id  bigint not null references open311_client (id)
);
