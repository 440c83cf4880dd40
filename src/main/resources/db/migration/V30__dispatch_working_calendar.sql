-- The working calendar as data: only the days that differ from the default week (Monday to Friday working,
-- weekends not). A HOLIDAY is a day off on any day of the week; a WORKDAY is a make-up working day (调休) on a
-- weekend. The shipped calendars are loaded by the Java migration V31; administrators import later years.
create table calendar_day (
    day  date primary key,
    kind text not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name text not null
);

-- The warning point is a share of the time between dispatch and deadline, so time rules may now be percentages.
alter table time_rule drop constraint time_rule_unit_check;
alter table time_rule add constraint time_rule_unit_check check (unit in ('HOURS', 'WORKING_DAYS', 'TIMES', 'PERCENT'));
insert into time_rule (name, amount, unit) values ('WARNING_PERCENT', 80, 'PERCENT');

-- Every change of a time limit: who, when, from what to what, and why. Append-only, like the order history.
create table time_rule_history (
    id         bigint generated always as identity primary key,
    rule_name  text not null references time_rule (name),
    at         timestamp with time zone not null,
    actor      text not null,
    old_amount int  not null,
    old_unit   text not null,
    new_amount int  not null,
    new_unit   text not null,
    reason     text not null
);
create index time_rule_history_rule_idx on time_rule_history (rule_name);
create trigger time_rule_history_append_only before update or delete on time_rule_history
    for each row execute function refuse_change();
