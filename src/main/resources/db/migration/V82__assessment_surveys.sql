-- Satisfaction surveys of a unit (民主测评). Respondents answer with one-time codes handed out on paper. The code
-- table keeps only a hash and whether it was used; the answer table keeps the survey, the day and the ratings, and
-- nothing that leads from an answer back to a code or a person.
create table survey (
    id          bigint generated always as identity primary key,
    unit_id     bigint not null references unit (id),
    title       text not null check (length(title) between 1 and 200),
    items       text[] not null check (cardinality(items) between 1 and 20),
    opens_on    date not null,
    closes_on   date not null,
    respondents integer not null check (respondents between 1 and 2000),
    created_by  text not null,
    created_at  timestamp with time zone not null,
    check (closes_on >= opens_on)
);
create index survey_unit_idx on survey (unit_id, id);

create table survey_code (
    code_hash text primary key,
    survey_id bigint not null references survey (id),
    used      boolean not null default false
);
create index survey_code_survey_idx on survey_code (survey_id);

-- ratings: one per item of the survey, in its order: SATISFIED, BASICALLY_SATISFIED or DISSATISFIED.
create table survey_answer (
    id          bigint generated always as identity primary key,
    survey_id   bigint not null references survey (id),
    answered_on date not null,
    ratings     text[] not null
        check (array_position(ratings, null) is null
               and ratings <@ array['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'])
);
create index survey_answer_survey_idx on survey_answer (survey_id);
