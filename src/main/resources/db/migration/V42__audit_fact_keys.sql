-- Facts recorded from events carry their key: a fact delivered twice (a retry after a crash) is recorded once.
alter table audit_entry add column fact_key text;
create unique index audit_entry_fact_key_idx on audit_entry (fact_key) where fact_key is not null;
