-- Assessment schemes (考评方案, issue 8): criteria an administrator defines for one peer group of units, star bands
-- and the forced distribution; scores per criterion, unit and period with their evidence.

create table assessment_scheme (
    id               bigint generated always as identity primary key,
    name             text not null unique check (length(name) between 1 and 100),
    unit_kind        text not null,
    root_unit_id     bigint references unit (id),
    rates_weight     int not null check (rates_weight between 0 and 100),
    criteria_weight  int not null check (criteria_weight between 0 and 100),
    band2            numeric(4, 1) not null,
    band3            numeric(4, 1) not null,
    band4            numeric(4, 1) not null,
    band5            numeric(4, 1) not null,
    excellent_share  int not null check (excellent_share between 0 and 100),
    good_share       int not null check (good_share between 0 and 100),
    poor_share       int not null check (poor_share between 0 and 100),
    updated_at       timestamp with time zone not null,
    updated_by       text not null,
    check (rates_weight + criteria_weight = 100),
    check (0 <= band2 and band2 < band3 and band3 < band4 and band4 < band5 and band5 <= 100),
    check (excellent_share + good_share + poor_share = 100)
);

create table assessment_criterion (
    id          bigint generated always as identity primary key,
    scheme_id   bigint not null references assessment_scheme (id),
    position    int not null,
    name        text not null check (length(name) between 1 and 100),
    description text not null default '' check (length(description) <= 1000),
    weight      int not null check (weight between 1 and 100),
    unique (scheme_id, name)
);
create index assessment_criterion_scheme_idx on assessment_criterion (scheme_id);

-- One score per criterion, unit and period ('2026-11', '2026-Q4' or '2026'); a change overwrites it and is audited.
create table assessment_score (
    id           bigint generated always as identity primary key,
    criterion_id bigint not null references assessment_criterion (id),
    unit_id      bigint not null references unit (id),
    period       text not null check (period ~ '^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
    score        numeric(4, 1) not null check (score between 0 and 100),
    note         text not null check (length(note) between 1 and 2000),
    scored_at    timestamp with time zone not null,
    scored_by    text not null,
    unique (criterion_id, unit_id, period)
);
create index assessment_score_unit_idx on assessment_score (unit_id, period);

-- Files that back a score: checked by content (PDF, images, office documents) before they get here.
create table assessment_evidence (
    id           bigint generated always as identity primary key,
    score_id     bigint not null references assessment_score (id),
    file_name    text not null check (length(file_name) between 1 and 200),
    content_type text not null,
    size         int not null check (size between 1 and 5242880),
    content      bytea not null,
    added_at     timestamp with time zone not null,
    added_by     text not null
);
create index assessment_evidence_score_idx on assessment_evidence (score_id);
