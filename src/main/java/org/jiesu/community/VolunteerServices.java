package org.jiesu.community;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Volunteer services: teams, their activities and the sign-ups to them. Staff of a team's managing unit (or a unit
 * above it) manage the team; volunteers sign up on a public page with a display name only and get a short code to
 * cancel with. The code is stored as a hash, and no query joins a volunteer's sign-ups across activities: staff read
 * the names of one activity at a time, the public reads free places only.
 *
 * <p>A place is taken by a guarded update of the activity's counter ({@code signed_up < capacity and starts_at > now})
 * in the transaction that inserts the sign-up: PostgreSQL re-checks the guard on the row a concurrent sign-up has just
 * changed, so two sign-ups for the last place cannot both succeed.
 */
@Service
@Transactional(readOnly = true)
class VolunteerServices {

    static final int MAX_TEXT = 200;
    static final int MAX_DISPLAY_NAME = 40;
    static final int MAX_CAPACITY = 10000;
    static final int MAX_SERVED = 100000;
    static final int CODE_LENGTH = 8;
    /** How many coming activities the calendar shows at most, soonest first. */
    static final int CALENDAR_LIMIT = 300;

    /** Letters and digits that are hard to mix up when read aloud or copied from a phone screen. */
    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /** A phone or ID number typed as a name: we keep no lists of persons, so such a "name" is refused. */
    private static final Pattern NUMBER_LIKE = Pattern.compile("\\d[\\d\\s-]{4,}\\d");

    private static final Role[] MANAGERS = {Role.ADMIN, Role.SUPERVISOR, Role.UNIT_HEAD, Role.HANDLER};

    private static final String ACTIVITY_COLUMNS = """
            a.id, a.team_id, t.name as team_name, t.organisation, t.unit_id as team_unit_id, a.kind, a.title,
            a.community_id, a.place, a.starts_at, a.ends_at, a.capacity, a.signed_up, a.served, a.served_at
            """;

    private static final String TAKE_PLACE = """
            update volunteer_activity set signed_up = signed_up + 1
            where id = :id and signed_up < capacity and starts_at > :now""";

    record Team(long id, String name, String organisation, Unit unit, int activities) {}

    record Activity(
            long id,
            long teamId,
            String teamName,
            String organisation,
            long teamUnitId,
            VolunteerKind kind,
            String title,
            Unit community,
            String place,
            Instant startsAt,
            Instant endsAt,
            int capacity,
            int signedUp,
            @Nullable Integer served,
            @Nullable Instant servedAt) {

        public int free() {
            return Math.max(0, capacity - signedUp);
        }

        public boolean full() {
            return free() == 0;
        }
    }

    /** One sign-up as its activity's staff see it: the name given and when. */
    record SignUp(String displayName, Instant at) {}

    /** What a volunteer gets back: the activity and the code to cancel with, shown once. */
    record SignedUp(Activity activity, String code) {}

    record TeamDraft(String name, String organisation, String unit) {

        static TeamDraft empty() {
            return new TeamDraft("", "", "");
        }
    }

    /** An activity as typed into the form; times as {@code yyyy-MM-ddTHH:mm} in the platform's zone. */
    record ActivityDraft(
            String kind,
            String title,
            String community,
            String place,
            String startsAt,
            String endsAt,
            String capacity) {

        static ActivityDraft empty() {
            return new ActivityDraft("", "", "", "", "", "", "");
        }
    }

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Actors actors;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final SecureRandom random = new SecureRandom();

    VolunteerServices(
            JdbcClient jdbc,
            UnitDirectory units,
            Actors actors,
            AuditLog audit,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.units = units;
        this.actors = actors;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    Instant now() {
        return clock.instant();
    }

    /** Labels and times for the templates. */
    VolunteerView view() {
        Map<Long, String> labels = new HashMap<>();
        communities().forEach(c -> labels.put(c.id(), label(c)));
        return new VolunteerView(labels, zone);
    }

    // ---- choices

    /** Units that may manage a team: those in the actor's scope, grids excepted, by code. */
    List<Unit> managingUnits() {
        Actor actor = requireManager();
        return units.units().stream()
                .filter(u -> u.kind() != UnitKind.GRID)
                .filter(u -> actors.mayActFor(actor, u.id()))
                .sorted(Comparator.comparing(Unit::code))
                .toList();
    }

    /** Every community and village, by code: what an activity may be for and what the calendar filters by. */
    List<Unit> communities() {
        return units.units().stream()
                .filter(VolunteerServices::isCommunity)
                .sorted(Comparator.comparing(Unit::code))
                .toList();
    }

    /** A community's name with its street or township, so that two villages of the same name tell apart. */
    String label(Unit community) {
        return community.parentId() == null
                ? community.name()
                : units.find(community.parentId())
                        .map(p -> p.name() + " · " + community.name())
                        .orElse(community.name());
    }

    private static boolean isCommunity(Unit u) {
        return u.kind() == UnitKind.COMMUNITY || u.kind() == UnitKind.VILLAGE;
    }

    // ---- teams

    /** The teams the actor may manage, by unit and name. */
    List<Team> teams() {
        Actor actor = requireManager();
        return jdbc.sql("""
                        select t.id, t.name, t.organisation, t.unit_id,
                            (select count(*) from volunteer_activity a where a.team_id = t.id) as activities
                        from volunteer_team t order by t.name, t.id""").query((rs, n) -> team(rs)).list().stream()
                .filter(t -> actors.mayActFor(actor, t.unit().id()))
                .sorted(Comparator.comparing((Team t) -> t.unit().code()).thenComparing(Team::name))
                .toList();
    }

    Team team(long id) {
        Team team = jdbc.sql("""
                        select t.id, t.name, t.organisation, t.unit_id,
                            (select count(*) from volunteer_activity a where a.team_id = t.id) as activities
                        from volunteer_team t where t.id = :id""")
                .param("id", id)
                .query((rs, n) -> team(rs))
                .optional()
                .orElseThrow(() -> JiesuException.notFound("There is no volunteer team " + id + "."));
        requireManagerOf(team.unit().id());
        return team;
    }

    @Transactional
    long createTeam(TeamDraft draft) {
        Actor actor = requireManager();
        List<InputProblem> problems = new ArrayList<>();
        String name = text(
                draft.name(),
                "name",
                "volunteers.error.teamName",
                "Give the team a name of at most " + MAX_TEXT + " characters.",
                problems);
        String organisation = text(
                draft.organisation(),
                "organisation",
                "volunteers.error.organisation",
                "Name the organisation behind the team, in at most " + MAX_TEXT + " characters.",
                problems);
        Optional<Unit> unit = id(draft.unit())
                .flatMap(units::find)
                .filter(u -> u.kind() != UnitKind.GRID)
                .filter(u -> actors.mayActFor(actor, u.id()));
        if (unit.isEmpty()) {
            problems.add(InputProblem.of(
                    "unit", "volunteers.error.unit", "Choose the managing unit from the list of your units."));
        }
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        boolean taken = jdbc.sql("select exists (select 1 from volunteer_team where unit_id = :unit and name = :name)")
                .param("unit", unit.get().id())
                .param("name", name)
                .query(Boolean.class)
                .single();
        if (taken) {
            throw new InputRefusal(
                    HttpStatus.CONFLICT,
                    List.of(InputProblem.of(
                            "name",
                            "volunteers.error.teamTaken",
                            "The unit already has a team named " + name + ".",
                            name)));
        }
        long id = jdbc.sql("""
                        insert into volunteer_team (name, organisation, unit_id, created_at, created_by)
                        values (:name, :organisation, :unit, :at, :by) returning id""")
                .param("name", name)
                .param("organisation", organisation)
                .param("unit", unit.get().id())
                .param("at", Timestamp.from(clock.instant()))
                .param("by", actor.username())
                .query(Long.class)
                .single();
        audit.record(actor.username(), "VOLUNTEER_TEAM_CREATED", "volunteer-team:" + id, name + " · " + organisation);
        return id;
    }

    // ---- activities, staff side

    /** A team's activities, latest start first. */
    List<Activity> activities(long teamId) {
        team(teamId);
        return jdbc.sql("select " + ACTIVITY_COLUMNS + """
                         from volunteer_activity a join volunteer_team t on t.id = a.team_id
                        where a.team_id = :team order by a.starts_at desc, a.id desc""")
                .param("team", teamId)
                .query((rs, n) -> activity(rs))
                .list();
    }

    @Transactional
    long createActivity(long teamId, ActivityDraft draft) {
        Actor actor = requireManager();
        Team team = team(teamId);
        Instant now = clock.instant();
        List<InputProblem> problems = new ArrayList<>();
        VolunteerKind kind = null;
        try {
            kind = VolunteerKind.valueOf(draft.kind().strip());
        } catch (IllegalArgumentException e) {
            problems.add(InputProblem.of("kind", "volunteers.error.kind", "Choose the kind of activity."));
        }
        String title = text(
                draft.title(),
                "title",
                "volunteers.error.title",
                "Give the activity a title of at most " + MAX_TEXT + " characters.",
                problems);
        Optional<Unit> community = id(draft.community()).flatMap(units::find).filter(VolunteerServices::isCommunity);
        if (community.isEmpty()) {
            problems.add(InputProblem.of(
                    "community", "volunteers.error.community", "Choose the community or village the activity is for."));
        }
        String place = text(
                draft.place(),
                "place",
                "volunteers.error.place",
                "Say where the activity takes place, in at most " + MAX_TEXT + " characters.",
                problems);
        Instant start = time(draft.startsAt(), "startsAt", "volunteers.error.start", "start", problems);
        Instant end = time(draft.endsAt(), "endsAt", "volunteers.error.end", "end", problems);
        if (start != null && !start.isAfter(now)) {
            problems.add(InputProblem.of(
                    "startsAt", "volunteers.error.startPast", "The start lies in the past: choose a coming time."));
        }
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add(
                    InputProblem.of("endsAt", "volunteers.error.endBeforeStart", "The end must come after the start."));
        }
        Integer capacity = number(draft.capacity(), 1, MAX_CAPACITY);
        if (capacity == null) {
            problems.add(InputProblem.of(
                    "capacity",
                    "volunteers.error.capacity",
                    "Volunteer places must be a whole number from 1 to " + MAX_CAPACITY + ".",
                    MAX_CAPACITY));
        }
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        long id = jdbc.sql("""
                        insert into volunteer_activity (team_id, kind, title, community_id, place, starts_at, ends_at,
                            capacity, created_at, created_by)
                        values (:team, :kind, :title, :community, :place, :start, :end, :capacity, :at, :by)
                        returning id""")
                .param("team", team.id())
                .param("kind", kind.name())
                .param("title", title)
                .param("community", community.get().id())
                .param("place", place)
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end))
                .param("capacity", capacity)
                .param("at", Timestamp.from(now))
                .param("by", actor.username())
                .query(Long.class)
                .single();
        audit.record(actor.username(), "VOLUNTEER_ACTIVITY_CREATED", "volunteer-activity:" + id, title);
        return id;
    }

    /** One activity for its team's staff. */
    Activity activity(long id) {
        Activity activity = find(id).orElseThrow(() -> notFound(id));
        requireManagerOf(activity.teamUnitId());
        return activity;
    }

    /** The names signed up for one activity, in order of signing up; only its team's staff read them. */
    List<SignUp> signUps(long activityId) {
        activity(activityId);
        return jdbc.sql("""
                        select display_name, created_at from volunteer_signup
                        where activity_id = :id order by id""")
                .param("id", activityId)
                .query((rs, n) -> new SignUp(
                        rs.getString("display_name"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** Records how many people the activity served; possible once it has started, and correctable later. */
    @Transactional
    void recordServed(long activityId, String served) {
        Actor actor = requireManager();
        Activity activity = activity(activityId);
        Integer count = number(served, 0, MAX_SERVED);
        if (count == null) {
            throw new InputRefusal(List.of(InputProblem.of(
                    "served",
                    "volunteers.error.served",
                    "People served must be a whole number from 0 to " + MAX_SERVED + ".",
                    MAX_SERVED)));
        }
        Instant now = clock.instant();
        if (activity.startsAt().isAfter(now)) {
            throw new InputRefusal(
                    HttpStatus.CONFLICT,
                    List.of(InputProblem.of(
                            "served",
                            "volunteers.error.servedTooEarly",
                            "The activity has not started yet; record the people served after it.")));
        }
        jdbc.sql("update volunteer_activity set served = :served, served_at = :at, served_by = :by where id = :id")
                .param("served", count)
                .param("at", Timestamp.from(now))
                .param("by", actor.username())
                .param("id", activityId)
                .update();
        audit.record(
                actor.username(),
                "VOLUNTEER_SERVED_RECORDED",
                "volunteer-activity:" + activityId,
                "served " + count + (activity.served() == null ? "" : " (was " + activity.served() + ")"));
    }

    // ---- public side

    /** Activities still to start, soonest first; of one community when given. */
    List<Activity> coming(@Nullable Long communityId) {
        return jdbc.sql("select " + ACTIVITY_COLUMNS + """
                         from volunteer_activity a join volunteer_team t on t.id = a.team_id
                        where a.starts_at > :now and (:community = 0 or a.community_id = :community)
                        order by a.starts_at, a.id limit :limit""")
                .param("now", Timestamp.from(clock.instant()))
                .param("community", communityId == null ? 0L : communityId)
                .param("limit", CALENDAR_LIMIT)
                .query((rs, n) -> activity(rs))
                .list();
    }

    /** A community for the calendar filter, from what was typed; empty for "all", a refusal for anything else. */
    Optional<Unit> community(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        Optional<Unit> community = id(typed).flatMap(units::find).filter(VolunteerServices::isCommunity);
        if (community.isEmpty()) {
            throw new InputRefusal(List.of(InputProblem.of(
                    "community", "volunteers.error.filter", "Choose a community or village from the list.")));
        }
        return community;
    }

    /**
     * Takes a place for a volunteer by display name. A full activity or one that has started refuses, with nothing
     * changed.
     */
    @Transactional
    SignedUp signUp(long activityId, String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME) {
            throw new InputRefusal(List.of(InputProblem.of(
                    "displayName",
                    "volunteers.error.displayName",
                    "Give a name to be called by, of at most " + MAX_DISPLAY_NAME + " characters.",
                    MAX_DISPLAY_NAME)));
        }
        if (NUMBER_LIKE.matcher(name).find()) {
            throw new InputRefusal(List.of(InputProblem.of(
                    "displayName",
                    "volunteers.error.numberInName",
                    "Give a name only: no phone or ID number, we do not keep them.")));
        }
        Instant now = clock.instant();
        int taken = jdbc.sql(TAKE_PLACE)
                .param("id", activityId)
                .param("now", Timestamp.from(now))
                .update();
        if (taken == 0) {
            Activity activity = find(activityId).orElseThrow(() -> notFound(activityId));
            if (!activity.startsAt().isAfter(now)) {
                throw new InputRefusal(
                        HttpStatus.CONFLICT,
                        List.of(InputProblem.of(
                                "displayName",
                                "volunteers.error.started",
                                "The activity has already started; sign-ups are closed.")));
            }
            throw new InputRefusal(
                    HttpStatus.CONFLICT,
                    List.of(InputProblem.of(
                            "displayName",
                            "volunteers.error.full",
                            "Every volunteer place is taken; choose another activity.")));
        }
        String code = freshCode();
        jdbc.sql("""
                        insert into volunteer_signup (activity_id, display_name, code_hash, created_at)
                        values (:activity, :name, :hash, :at)""")
                .param("activity", activityId)
                .param("name", name)
                .param("hash", hash(code))
                .param("at", Timestamp.from(now))
                .update();
        return new SignedUp(find(activityId).orElseThrow(), code);
    }

    /** Cancels the sign-up with this code and frees its place; possible until the activity starts. */
    @Transactional
    Activity cancel(String typedCode) {
        String code = normalise(typedCode);
        if (code.isEmpty()) {
            throw new InputRefusal(List.of(
                    InputProblem.of("code", "volunteers.error.code", "Enter the sign-up code you were given.")));
        }
        Instant now = clock.instant();
        Optional<Long> activityId = jdbc.sql("""
                        delete from volunteer_signup s using volunteer_activity a
                        where s.code_hash = :hash and a.id = s.activity_id and a.starts_at > :now
                        returning s.activity_id""")
                .param("hash", hash(code))
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .optional();
        if (activityId.isEmpty()) {
            boolean exists = jdbc.sql("select exists (select 1 from volunteer_signup where code_hash = :hash)")
                    .param("hash", hash(code))
                    .query(Boolean.class)
                    .single();
            if (exists) {
                throw new InputRefusal(
                        HttpStatus.CONFLICT,
                        List.of(InputProblem.of(
                                "code",
                                "volunteers.error.cancelStarted",
                                "The activity has already started; the sign-up can no longer be cancelled.")));
            }
            throw new InputRefusal(List.of(InputProblem.of(
                    "code", "volunteers.error.codeUnknown", "No sign-up has this code; check it and try again.")));
        }
        jdbc.sql("update volunteer_activity set signed_up = signed_up - 1 where id = :id")
                .param("id", activityId.get())
                .update();
        return find(activityId.get()).orElseThrow();
    }

    // ---- helpers

    private Optional<Activity> find(long id) {
        return jdbc.sql("select " + ACTIVITY_COLUMNS + """
                         from volunteer_activity a join volunteer_team t on t.id = a.team_id where a.id = :id""")
                .param("id", id)
                .query((rs, n) -> activity(rs))
                .optional();
    }

    private String freshCode() {
        while (true) {
            StringBuilder code = new StringBuilder(CODE_LENGTH);
            for (int i = 0; i < CODE_LENGTH; i++) {
                code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            }
            String candidate = code.toString();
            boolean used = jdbc.sql("select exists (select 1 from volunteer_signup where code_hash = :hash)")
                    .param("hash", hash(candidate))
                    .query(Boolean.class)
                    .single();
            if (!used) {
                return candidate;
            }
        }
    }

    /** Codes are read off a screen and typed back: case, spaces and dashes do not matter. */
    static String normalise(@Nullable String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    static String hash(String code) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    private static String text(
            @Nullable String typed, String field, String key, String english, List<InputProblem> problems) {
        String value = typed == null ? "" : typed.strip();
        if (value.isEmpty() || value.length() > MAX_TEXT) {
            problems.add(InputProblem.of(field, key, english, MAX_TEXT));
        }
        return value;
    }

    private @Nullable Instant time(
            @Nullable String typed, String field, String key, String what, List<InputProblem> problems) {
        try {
            return LocalDateTime.parse(typed == null ? "" : typed.strip())
                    .atZone(zone)
                    .toInstant();
        } catch (DateTimeParseException e) {
            problems.add(InputProblem.of(field, key, "Give the " + what + " as a date and a time."));
            return null;
        }
    }

    private static @Nullable Integer number(@Nullable String typed, int min, int max) {
        try {
            int n = Integer.parseInt(typed == null ? "" : typed.strip());
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<Long> id(@Nullable String typed) {
        try {
            return Optional.of(Long.parseLong(typed == null ? "" : typed.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static JiesuException notFound(long id) {
        return JiesuException.notFound("There is no volunteer activity " + id + ".");
    }

    private Actor requireManager() {
        Actor actor = actors.current();
        actors.requireRole(actor, MANAGERS);
        return actor;
    }

    private void requireManagerOf(long unitId) {
        Actor actor = requireManager();
        actors.requireScope(actor, unitId);
    }

    private Team team(ResultSet rs) throws SQLException {
        return new Team(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("organisation"),
                units.unit(rs.getLong("unit_id")),
                rs.getInt("activities"));
    }

    private Activity activity(ResultSet rs) throws SQLException {
        Timestamp servedAt = rs.getTimestamp("served_at");
        return new Activity(
                rs.getLong("id"),
                rs.getLong("team_id"),
                rs.getString("team_name"),
                rs.getString("organisation"),
                rs.getLong("team_unit_id"),
                VolunteerKind.valueOf(rs.getString("kind")),
                rs.getString("title"),
                units.unit(rs.getLong("community_id")),
                rs.getString("place"),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                rs.getInt("capacity"),
                rs.getInt("signed_up"),
                rs.getObject("served") == null ? null : rs.getInt("served"),
                servedAt == null ? null : servedAt.toInstant());
    }
}
