-- Assessment settings as data, with their history: each row is in force from its month until a later row's month.
-- The rates of a period follow the row in force in the period's last month, so a change for next year leaves this
-- year's rankings as they were published.
create table assessment_setting (
    id                      bigint generated always as identity primary key,
    valid_from              date not null check (extract(day from valid_from) = 1),
    weight_response         int not null check (weight_response between 0 and 100),
    weight_resolution       int not null check (weight_resolution between 0 and 100),
    weight_satisfaction     int not null check (weight_satisfaction between 0 and 100),
    basic_satisfaction      numeric(4, 3) not null check (basic_satisfaction between 0 and 1),
    exclude_returned        boolean not null,
    exclude_final_reply     boolean not null,
    exclude_merged          boolean not null,
    note                    text not null default '',
    changed_by              text not null,
    changed_at              timestamp with time zone not null,
    check (weight_response + weight_resolution + weight_satisfaction = 100)
);
create index assessment_setting_valid_idx on assessment_setting (valid_from, id);
insert into assessment_setting (valid_from, weight_response, weight_resolution, weight_satisfaction,
                                basic_satisfaction, exclude_returned, exclude_final_reply, exclude_merged, note,
                                changed_by, changed_at)
values ('2000-01-01', 10, 45, 45, 0.8, true, true, true, '公开规则的默认值', 'system', now());

-- What each order adds to the three rates, kept from the order events. An excluded order keeps its outcomes and the
-- reason, so switching an exclusion off needs no rebuild.
create table assessment_order_fact (
    order_id          bigint primary key,
    unit_id           bigint not null,
    dispatch_month    date not null,
    exclusion         text not null check (exclusion in ('', 'RETURNED', 'FINAL_REPLY', 'MERGED')),
    response          text not null check (response in ('counted', 'missed', 'pending')),
    sign_deadline     timestamp with time zone not null,
    callback_month    date,
    resolution        text check (resolution in ('counted', 'missed')),
    rating_month      date,
    satisfaction      text check (satisfaction in ('satisfied', 'basic', 'dissatisfied'))
);
create index assessment_order_fact_dispatch_idx on assessment_order_fact (unit_id, dispatch_month);
create index assessment_order_fact_callback_idx on assessment_order_fact (unit_id, callback_month)
    where callback_month is not null;
create index assessment_order_fact_rating_idx on assessment_order_fact (unit_id, rating_month)
    where rating_month is not null;
create index assessment_order_fact_pending_idx on assessment_order_fact (sign_deadline) where response = 'pending';

-- The facts summed by unit, month, metric, outcome and exclusion reason: a unit subtree over any months is a sum of a few
-- hundred rows, whatever the number of orders.
create table assessment_rollup (
    unit_id   bigint not null,
    month     date not null,
    metric    text not null check (metric in ('response', 'resolution', 'satisfaction')),
    outcome   text not null,
    exclusion text not null,
    n         bigint not null,
    primary key (unit_id, month, metric, outcome, exclusion)
);

-- Orders whose facts are due to be computed again: written in the transaction of the order's change.
create table assessment_dirty (
    order_id bigint primary key
);
