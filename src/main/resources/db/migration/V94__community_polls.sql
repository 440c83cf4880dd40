-- "You pick, we test" (你点我检): residents vote on what the market supervision unit samples, then see the results.
-- No phone number is stored: a vote by phone leaves only a keyed hash of the number scoped to its poll, and that
-- mark does not say which option it chose; the options only carry counts.
create table poll (
    id           bigint generated always as identity primary key,
    unit_id      bigint not null references unit (id),
    title        text not null,
    description  text not null default '',
    opens_at     timestamp with time zone not null,
    closes_at    timestamp with time zone not null,
    created_by   text not null,
    created_at   timestamp with time zone not null,
    published_at timestamp with time zone,
    check (closes_at > opens_at)
);
create index poll_closes_idx on poll (closes_at desc);

create table poll_option (
    id       bigint generated always as identity primary key,
    poll_id  bigint not null references poll (id),
    position int not null,
    label    text not null,
    votes    int not null default 0 check (votes >= 0),
    -- the inspection's outcome for this option, once published
    samples  int check (samples >= 0),
    passed   int check (passed >= 0),
    failed   int check (failed >= 0),
    note     text,
    unique (poll_id, label),
    unique (poll_id, position)
);

-- One row per phone that has voted in a poll: the hash only, to refuse a second vote.
create table poll_phone_vote (
    poll_id    bigint not null references poll (id),
    phone_hash text not null,
    primary key (poll_id, phone_hash)
);

-- A verification code sent by text: kept as a salted hash, short-lived, tried a limited number of times.
create table poll_phone_check (
    id         bigint generated always as identity primary key,
    poll_id    bigint not null references poll (id),
    phone_hash text not null,
    salt       text not null,
    code_hash  text not null,
    sent_at    timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    tries      int not null default 0,
    used_at    timestamp with time zone
);
create index poll_phone_check_sent_idx on poll_phone_check (poll_id, phone_hash, sent_at);

-- One-time codes handed out on paper; each votes once.
create table poll_code (
    id         bigint generated always as identity primary key,
    poll_id    bigint not null references poll (id),
    code       text not null unique,
    created_at timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index poll_code_poll_idx on poll_code (poll_id);
