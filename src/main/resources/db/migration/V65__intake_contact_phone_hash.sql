-- A keyed hash (HMAC-SHA256) of the caller's normalised phone number, so the hotline can find a caller's earlier
-- requests while the number itself stays encrypted. The key is derived from the contact key; rows stored before
-- this column are filled in at start by Intake.indexPhones.
alter table request add column contact_phone_hash text;
create index request_contact_phone_hash_idx on request (contact_phone_hash) where contact_phone_hash is not null;
