-- Photos a resident sends with a request; checked by content (JPEG, PNG, WebP) before they get here.
create table attachment (
    id           bigint generated always as identity primary key,
    request_id   bigint not null references request (id),
    content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
    size         int not null check (size between 1 and 5242880),
    content      bytea not null,
    created_at   timestamp with time zone not null
);
create index attachment_request_idx on attachment (request_id);
