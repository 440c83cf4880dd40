-- What the classifier said when the request came without a category: its suggestion, how sure it was, and whether
-- a person has to decide (below the threshold nothing is routed on the model's word).
alter table route_proposal
    add column suggested_by_model int,
    add column confidence double precision,
    add column needs_person boolean not null default false;
