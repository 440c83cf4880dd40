-- A recompute writes a whole new generation of clusters beside the current one and swaps at the end, so a request
-- has one membership per generation rather than one in all.
alter table hot_member add column generation integer not null default 1;
alter table hot_member drop constraint hot_member_pkey;
alter table hot_member add primary key (generation, request_id);
create index hot_member_request_idx on hot_member (request_id);
create index hot_cluster_generation_idx on hot_cluster (generation, merged_into);
-- Why the last recompute stopped, shown on its progress page until the next one starts.
alter table hot_state add column recompute_error text;
