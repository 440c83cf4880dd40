-- The request classifier (issue 7): what it learns from, every model it was trained into, and the corrections
-- operators make to its suggestions.

-- Labelled texts an administrator imported from a file (the hotline's own export, or a published set).
create table classifier_sample (
    id            bigint generated always as identity primary key,
    text          text not null check (length(text) between 1 and 20000),
    category_code text not null references category (code),
    source        text not null,
    imported_at   timestamp with time zone not null,
    imported_by   text not null
);
create index classifier_sample_category_idx on classifier_sample (category_code);

-- Every trained model, kept so that an earlier one can be put back in one action. At most one is active.
create table classifier_model (
    version          int generated always as identity primary key,
    trained_at       timestamp with time zone not null,
    trained_by       text not null,
    training_size    int not null check (training_size > 0),
    from_samples     int not null,
    from_orders      int not null,
    from_corrections int not null,
    labels           text[] not null,
    cv_folds         int not null,
    cv_macro_f1      double precision not null check (cv_macro_f1 between 0 and 1),
    cv_accuracy      double precision not null check (cv_accuracy between 0 and 1),
    train_millis     bigint not null,
    model            bytea not null,
    active           boolean not null default false,
    activated_at     timestamp with time zone
);
create unique index classifier_model_one_active on classifier_model (active) where active;

-- The unit that usually handled a category in a place, learned from closed orders with each model.
create table classifier_unit_hint (
    model_version int not null references classifier_model (version) on delete cascade,
    category_code text not null,
    place_unit_id bigint not null,
    unit_id       bigint not null,
    orders        int not null,
    share         double precision not null,
    primary key (model_version, category_code, place_unit_id)
);

-- One training at a time across all instances: a running one holds the single 'RUNNING' row.
create table classifier_training (
    id          bigint generated always as identity primary key,
    started_at  timestamp with time zone not null,
    started_by  text not null,
    state       text not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    step        int not null default 0,
    steps       int not null,
    message     text not null default '',
    finished_at timestamp with time zone,
    version     int references classifier_model (version) on delete set null
);
create unique index classifier_training_one_running on classifier_training (state) where state = 'RUNNING';

-- An operator chose another category than the model's first suggestion: training data for the next model.
create table classifier_correction (
    request_id     bigint primary key references request (id),
    text           text not null,
    suggested_code text,
    confidence     double precision,
    model_version  int,
    chosen_code    text not null references category (code),
    corrected_by   text not null,
    corrected_at   timestamp with time zone not null
);
