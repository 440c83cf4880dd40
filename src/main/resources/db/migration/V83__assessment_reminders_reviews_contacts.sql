-- Monthly reminders (月提): one row per unit and month, written in the transaction that sends the notice, so a rerun
-- or a second instance sends nothing twice.
create table assessment_reminder (
    unit_id  bigint not null references unit (id),
    month    date not null check (extract(day from month) = 1),
    sent_at  timestamp with time zone not null,
    sent_by  text not null,
    figures  text not null,
    primary key (unit_id, month)
);
create index assessment_reminder_month_idx on assessment_reminder (month);

-- Quarterly review (季调): the adjustment decided for a unit after its quarter.
create table assessment_review (
    id         bigint generated always as identity primary key,
    quarter    text not null check (quarter ~ '^[0-9]{4}-Q[1-4]$'),
    unit_id    bigint not null references unit (id),
    kind       text not null check (kind in ('TALK', 'RECTIFICATION', 'CHANGE_CONTACT', 'PRAISE', 'OTHER')),
    note       text not null check (length(note) between 1 and 2000),
    decided_by text not null,
    decided_at timestamp with time zone not null
);
create index assessment_review_quarter_idx on assessment_review (quarter, unit_id);

-- Contact leaders (包联): a staff account assigned to follow a unit for a time.
create table unit_contact (
    id          bigint generated always as identity primary key,
    username    text not null references app_user (username),
    unit_id     bigint not null references unit (id),
    from_date   date not null,
    to_date     date,
    assigned_by text not null,
    assigned_at timestamp with time zone not null,
    check (to_date is null or to_date >= from_date)
);
create index unit_contact_user_idx on unit_contact (username);
create index unit_contact_unit_idx on unit_contact (unit_id);
