-- The start-up check for requests whose phone index is missing (Intake.indexPhones) reads this partial index, which
-- is empty once every row is indexed, instead of scanning the whole request table at every start.
create index request_phone_unindexed_idx on request (id)
    where contact_phone is not null and contact_phone_hash is null;
