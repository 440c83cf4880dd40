-- When each staff member last opened their inbox: orders dispatched since then are shown as new.
create table inbox_seen (
    username text primary key,
    seen_at  timestamp with time zone not null
);
