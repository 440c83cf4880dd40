package org.jiesu.community;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jiesu.audit.AuditLog;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Village work teams (驻村工作队): units of kind {@link UnitKind#WORK_TEAM}, made in the unit tree as any unit is, and
 * here their stations (which village or community, for which term) and their members. Supervisors and administrators
 * keep them for the units in their scope; every change is audited; bad input is refused whole with nothing written.
 */
@Service
@Transactional(readOnly = true)
class WorkTeams {

    static final Role[] KEEPERS = {Role.SUPERVISOR, Role.ADMIN};
    static final int MAX_NAME = 50;
    static final int MAX_ORGANISATION = 100;

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Actors actors;
    private final AuditLog audit;
    private final Clock clock;

    WorkTeams(JdbcClient jdbc, UnitDirectory units, Actors actors, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.actors = actors;
        this.audit = audit;
        this.clock = clock;
    }

    /** A post in the team. */
    enum Post {
        LEADER,
        FIRST_SECRETARY,
        MEMBER;

        public String key() {
            return "workteams.post." + name().toLowerCase(Locale.ROOT);
        }
    }

    record Station(long id, long teamId, Unit village, LocalDate from, LocalDate to) {

        public boolean covers(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    record Member(long id, long teamId, String name, Post post, String organisation, LocalDate from, LocalDate to) {

        public boolean servesIn(int year) {
            return from.getYear() <= year && to.getYear() >= year;
        }
    }

    /** A team with its stations (latest first) and members. */
    record Team(Unit unit, List<Station> stations, List<Member> members) {}

    /** A station as typed into the form. */
    record StationDraft(String village, String from, String to) {
        static StationDraft empty() {
            return new StationDraft("", "", "");
        }
    }

    /** A member as typed into the form. */
    record MemberDraft(String name, String post, String organisation, String from, String to) {
        static MemberDraft empty() {
            return new MemberDraft("", "", "", "", "");
        }
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The work teams the actor keeps, by code, with their stations and members. */
    List<Team> teams() {
        Actor actor = actors.current();
        actors.requireRole(actor, KEEPERS);
        List<Unit> mine = units.units().stream()
                .filter(u -> u.kind() == UnitKind.WORK_TEAM && actors.mayActFor(actor, u.id()))
                .sorted(Comparator.comparing(Unit::code))
                .toList();
        List<Long> ids = mine.stream().map(Unit::id).toList();
        Map<Long, List<Station>> stations = stationsOf(ids).stream().collect(Collectors.groupingBy(Station::teamId));
        Map<Long, List<Member>> members = membersOf(ids).stream().collect(Collectors.groupingBy(Member::teamId));
        return mine.stream()
                .map(u ->
                        new Team(u, stations.getOrDefault(u.id(), List.of()), members.getOrDefault(u.id(), List.of())))
                .toList();
    }

    Team team(long teamId) {
        Unit unit = keptTeam(teamId);
        return new Team(unit, stationsOf(List.of(teamId)), membersOf(List.of(teamId)));
    }

    /** Villages and communities the actor may station a team at. */
    List<Unit> villages() {
        Actor actor = actors.current();
        return units.units().stream()
                .filter(u -> isVillage(u) && actors.mayActFor(actor, u.id()))
                .sorted(Comparator.comparing(Unit::code))
                .toList();
    }

    /** Stations a team: refused when the place is no village or community, the term runs backwards or overlaps. */
    @Transactional
    long station(long teamId, StationDraft draft) {
        Actor actor = actors.current();
        Unit team = keptTeam(teamId);
        List<InputProblem> problems = new ArrayList<>();
        Unit village = null;
        Long villageId = id(draft.village());
        if (villageId == null
                || units.find(villageId).filter(WorkTeams::isVillage).isEmpty()) {
            problems.add(InputProblem.of(
                    "village", "workteams.error.village", "Choose a village or a community to station the team at."));
        } else if (!actors.mayActFor(actor, villageId)) {
            problems.add(
                    InputProblem.of("village", "workteams.error.villageScope", "That village is not in your scope."));
        } else {
            village = units.unit(villageId);
        }
        LocalDate[] term = term(draft.from(), draft.to(), "from", "to", problems);
        LocalDate from = term[0];
        LocalDate to = term[1];
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        // Two keepers stationing the same team at once must not both pass the overlap check.
        jdbc.sql("select 1 from pg_advisory_xact_lock(:key)")
                .param("key", lockKey(teamId))
                .query((rs, n) -> 1)
                .list();
        List<Station> overlapping = stationsOf(List.of(teamId)).stream()
                .filter(s -> !s.from().isAfter(to) && !s.to().isBefore(from))
                .toList();
        if (!overlapping.isEmpty()) {
            Station s = overlapping.get(0);
            throw new InputRefusal(List.of(InputProblem.of(
                    "from",
                    "workteams.error.overlap",
                    team.name() + " is already stationed at " + s.village().name() + " from " + s.from() + " to "
                            + s.to() + ".",
                    s.village().name(),
                    s.from(),
                    s.to())));
        }
        long id = jdbc.sql("""
                        insert into work_team_station (team_unit_id, village_unit_id, term_from, term_to, created_at,
                            created_by)
                        values (:team, :village, :from, :to, :at, :by) returning id""")
                .param("team", teamId)
                .param("village", village.id())
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .param("at", Timestamp.from(Instant.now(clock)))
                .param("by", actor.username())
                .query(Long.class)
                .single();
        audit.record(
                actor.username(),
                "WORK_TEAM_STATIONED",
                "unit:" + teamId,
                team.name() + " at " + village.name() + " " + from + " – " + to);
        return id;
    }

    /** Adds a member: name, post, home organisation and term, each required. */
    @Transactional
    long addMember(long teamId, MemberDraft draft) {
        Actor actor = actors.current();
        Unit team = keptTeam(teamId);
        List<InputProblem> problems = new ArrayList<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            problems.add(InputProblem.of(
                    "name", "workteams.error.name", "A member's name is 1 to " + MAX_NAME + " characters.", MAX_NAME));
        }
        Post post = null;
        try {
            post = Post.valueOf(draft.post() == null ? "" : draft.post().strip());
        } catch (IllegalArgumentException e) {
            problems.add(InputProblem.of(
                    "post", "workteams.error.post", "Choose the post: leader, first secretary or member."));
        }
        String organisation =
                draft.organisation() == null ? "" : draft.organisation().strip();
        if (organisation.isEmpty() || organisation.length() > MAX_ORGANISATION) {
            problems.add(InputProblem.of(
                    "organisation",
                    "workteams.error.organisation",
                    "Name the member's home organisation in 1 to " + MAX_ORGANISATION + " characters.",
                    MAX_ORGANISATION));
        }
        LocalDate[] term = term(draft.from(), draft.to(), "memberFrom", "memberTo", problems);
        LocalDate from = term[0];
        LocalDate to = term[1];
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        long id = jdbc.sql("""
                        insert into work_team_member (team_unit_id, name, post, home_organisation, term_from, term_to,
                            created_at, created_by)
                        values (:team, :name, :post, :org, :from, :to, :at, :by) returning id""")
                .param("team", teamId)
                .param("name", name)
                .param("post", post.name())
                .param("org", organisation)
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .param("at", Timestamp.from(Instant.now(clock)))
                .param("by", actor.username())
                .query(Long.class)
                .single();
        audit.record(
                actor.username(),
                "WORK_TEAM_MEMBER_ADDED",
                "unit:" + teamId,
                team.name() + ": " + post + " " + from + " – " + to);
        return id;
    }

    /** Members of these teams, by team, post and name. */
    List<Member> membersOf(List<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, team_unit_id, name, post, home_organisation, term_from, term_to
                        from work_team_member where team_unit_id in (:teams)
                        order by team_unit_id, array_position(array['LEADER', 'FIRST_SECRETARY', 'MEMBER'], post),
                            name, id""")
                .param("teams", teamIds)
                .query((rs, n) -> new Member(
                        rs.getLong("id"),
                        rs.getLong("team_unit_id"),
                        rs.getString("name"),
                        Post.valueOf(rs.getString("post")),
                        rs.getString("home_organisation"),
                        rs.getDate("term_from").toLocalDate(),
                        rs.getDate("term_to").toLocalDate()))
                .list();
    }

    private List<Station> stationsOf(List<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, team_unit_id, village_unit_id, term_from, term_to
                        from work_team_station where team_unit_id in (:teams)
                        order by team_unit_id, term_from desc, id""")
                .param("teams", teamIds)
                .query((rs, n) -> new Station(
                        rs.getLong("id"),
                        rs.getLong("team_unit_id"),
                        units.unit(rs.getLong("village_unit_id")),
                        rs.getDate("term_from").toLocalDate(),
                        rs.getDate("term_to").toLocalDate()))
                .list();
    }

    private Unit keptTeam(long teamId) {
        Actor actor = actors.current();
        actors.requireRole(actor, KEEPERS);
        Unit team = units.find(teamId)
                .filter(u -> u.kind() == UnitKind.WORK_TEAM)
                .orElseThrow(() -> JiesuException.notFound("There is no work team with id " + teamId + "."));
        actors.requireScope(actor, teamId);
        return team;
    }

    static boolean isVillage(Unit u) {
        return u.kind() == UnitKind.VILLAGE || u.kind() == UnitKind.COMMUNITY;
    }

    private static long lockKey(long teamId) {
        // A namespace in the high bits keeps this lock apart from other modules' advisory locks.
        return 0x5754_0000_0000_0000L | teamId;
    }

    private static @Nullable Long id(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A term's first and last day as typed; one that ends before it starts is a problem on its end. */
    private static LocalDate[] term(
            String fromText, String toText, String fromField, String toField, List<InputProblem> problems) {
        LocalDate from = date(fromText, fromField, problems);
        LocalDate to = date(toText, toField, problems);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(InputProblem.of(
                    toField,
                    "workteams.error.termOrder",
                    "The term ends on " + to + ", before it starts on " + from + ".",
                    from,
                    to));
        }
        return new LocalDate[] {from, to};
    }

    private static @Nullable LocalDate date(@Nullable String text, String field, List<InputProblem> problems) {
        try {
            if (text != null && !text.isBlank()) {
                return LocalDate.parse(text.strip());
            }
        } catch (DateTimeParseException e) {
            // named below
        }
        problems.add(InputProblem.of(field, "workteams.error.date", "Give the date as 2026-01-31."));
        return null;
    }
}
