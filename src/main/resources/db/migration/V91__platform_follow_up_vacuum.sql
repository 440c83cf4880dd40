-- follow_up is a queue: every row is inserted and soon deleted, thousands a second under load. Vacuum it after every
-- thousand dead rows rather than after a fifth of the table, so that taking a batch does not step over dead entries.
alter table follow_up set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                           autovacuum_vacuum_cost_delay = 0);
