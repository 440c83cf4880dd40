-- Village work teams (驻村工作队): where a team unit is stationed and for which term, and who serves in it. Members
-- are officials on a posting, kept only as far as the yearly assessment needs: name, post, home organisation, term.

create table work_team_station (
    id              bigint generated always as identity primary key,
    team_unit_id    bigint not null references unit (id),
    village_unit_id bigint not null references unit (id),
    term_from       date not null,
    term_to         date not null,
    created_at      timestamp with time zone not null,
    created_by      text not null,
    check (term_from <= term_to)
);
create index work_team_station_team_idx on work_team_station (team_unit_id, term_from);

create table work_team_member (
    id                bigint generated always as identity primary key,
    team_unit_id      bigint not null references unit (id),
    name              text not null check (length(name) between 1 and 50),
    post              text not null check (post in ('LEADER', 'FIRST_SECRETARY', 'MEMBER')),
    home_organisation text not null check (length(home_organisation) between 1 and 100),
    term_from         date not null,
    term_to           date not null,
    created_at        timestamp with time zone not null,
    created_by        text not null,
    check (term_from <= term_to)
);
create index work_team_member_team_idx on work_team_member (team_unit_id, term_from);
