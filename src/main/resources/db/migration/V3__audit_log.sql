create table audit_entry (
    id      bigint generated always as identity primary key,
    at      timestamp with time zone not null,
    actor   text not null,
    action  text not null,
    subject text not null,
    detail  text not null default ''
);
create index audit_entry_subject_idx on audit_entry (subject);

-- Append-only tables refuse change and removal, whoever asks.
create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end;
$$;
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function refuse_change();
