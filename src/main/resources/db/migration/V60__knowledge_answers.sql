-- Knowledge-base answers (知识库): what operators answer at once and what residents read before they file.
create table knowledge_answer (
    id            bigint generated always as identity primary key,
    category_code text references category (code),
    question      text not null check (length(question) between 1 and 500),
    answer        text not null check (length(answer) between 1 and 4000),
    valid_from    date,
    valid_until   date,
    created_at    timestamp with time zone not null
);
create index knowledge_answer_category_idx on knowledge_answer (category_code);
