-- The resident's own rating of a replied request on the tracking page: once per request.
create table resident_rating (
    request_id   bigint primary key references request (id),
    resolved     boolean not null,
    satisfaction text not null check (satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    comment      text not null default '' check (length(comment) <= 500),
    at           timestamp with time zone not null
);
create trigger resident_rating_append_only before update or delete on resident_rating
    for each row execute function refuse_change();
