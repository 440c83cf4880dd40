package org.jiesu.community;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jiesu.audit.AuditLog;
import org.jiesu.dispatch.Order;
import org.jiesu.dispatch.OrderRole;
import org.jiesu.dispatch.OrderState;
import org.jiesu.dispatch.Orders;
import org.jiesu.intake.Channel;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.intake.RequestStatus;
import org.jiesu.intake.RequestType;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.intake.Urgency;
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
 * Consultation meetings (民情恳谈): a unit schedules one, reports afterwards how many came and what was said, and
 * records each matter raised as a request on the channel {@link Channel#CONSULTATION_MEETING}. The public view reports
 * back what became of each matter; a confidential one shows only that it exists and whether it is open or closed.
 */
@Service
public class Meetings {

    static final int MAX_PLACE = 200;
    static final int MAX_TOPIC = 200;
    static final int MAX_MINUTES = 10_000;
    static final int MAX_ATTENDANCE = 100_000;
    private static final Role[] ORGANISERS = {
        Role.HANDLER, Role.UNIT_HEAD, Role.GRID_WORKER, Role.SUPERVISOR, Role.ADMIN
    };
    /** How many past and how many coming meetings a list shows. */
    static final int LIST_LIMIT = 100;

    private static final String SELECT = """
            select m.*, u.name as unit_name,
                   (select count(*) from meeting_matter mm where mm.meeting_id = m.id) as matters
            from meeting m join unit u on u.id = m.unit_id""";
    private static final String COMING = SELECT + " where m.starts_at > :now order by m.starts_at, m.id limit :limit";
    private static final String COMING_IN =
            SELECT + " where m.starts_at > :now and m.unit_id = any(:units) order by m.starts_at, m.id limit :limit";
    private static final String PAST =
            SELECT + " where m.starts_at <= :now order by m.starts_at desc, m.id desc limit :limit";
    private static final String PAST_IN = SELECT
            + " where m.starts_at <= :now and m.unit_id = any(:units) order by m.starts_at desc, m.id desc"
            + " limit :limit";

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Actors actors;
    private final Intake intake;
    private final Orders orders;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;

    Meetings(
            JdbcClient jdbc,
            UnitDirectory units,
            Actors actors,
            Intake intake,
            Orders orders,
            AuditLog audit,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.units = units;
        this.actors = actors;
        this.intake = intake;
        this.orders = orders;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    /** A meeting as the form gives it: every field as typed, so that a refused form comes back as it was. */
    public record Draft(String unitId, String date, String time, String place, String topic) {

        static Draft empty() {
            return new Draft("", "", "", "", "");
        }
    }

    /** What staff report after the meeting: the head count as typed, and the minutes. */
    public record Report(String attendance, String minutes) {}

    /** One matter raised at a meeting, as typed. Type defaults to help; category and place are optional. */
    public record MatterDraft(String type, String text, String categoryCode, String address, boolean confidential) {

        public MatterDraft(String text, String categoryCode, String address, boolean confidential) {
            this("", text, categoryCode, address, confidential);
        }

        static MatterDraft empty() {
            return new MatterDraft("", "", "", "", false);
        }
    }

    public record Meeting(
            long id,
            long unitId,
            String unitName,
            Instant startsAt,
            String place,
            String topic,
            @Nullable Integer attendance,
            @Nullable String minutes,
            @Nullable Instant reportedAt,
            @Nullable String reportedBy,
            String createdBy,
            int matters) {

        public boolean reported() {
            return reportedAt != null;
        }
    }

    /**
     * What became of one matter. On the public view a confidential matter carries only its status: text, tracking
     * code, handling unit and reply are null.
     *
     * @param status {@code open} or {@code closed}, as the Open311 view says it
     * @param state the finer state: RECEIVED, ANSWERED, DISPATCHED, SIGNED, REPLIED or CLOSED
     */
    public record Matter(
            long requestId,
            @Nullable String trackingCode,
            boolean confidential,
            @Nullable String text,
            String status,
            String state,
            @Nullable String unitName,
            @Nullable String reply) {

        public boolean closed() {
            return status.equals("closed");
        }
    }

    // ------------------------------------------------------------------------------------------------------ staff

    /** Schedules a meeting for a unit the actor may act for; it must lie in the future. Returns its id. */
    @Transactional
    public long schedule(Draft draft, Actor actor) {
        requireOrganiser(actor);
        List<InputProblem> problems = new ArrayList<>();
        Unit unit = null;
        Long unitId = parseLong(draft.unitId());
        if (unitId == null || units.find(unitId).isEmpty()) {
            problems.add(
                    InputProblem.of("unitId", "meetings.error.unit", "unitId: choose the unit holding the meeting."));
        } else {
            unit = units.unit(unitId);
            if (!actors.mayActFor(actor, unit.id())) {
                problems.add(InputProblem.of(
                        "unitId",
                        "meetings.error.unitScope",
                        "unitId: you may schedule meetings only for your unit or units below it."));
            }
        }
        Instant startsAt = null;
        try {
            startsAt = LocalDateTime.of(
                            LocalDate.parse(draft.date().strip()),
                            LocalTime.parse(draft.time().strip()))
                    .atZone(zone)
                    .toInstant();
            if (!startsAt.isAfter(Instant.now(clock))) {
                problems.add(InputProblem.of(
                        "date", "meetings.error.past", "date: a meeting in the past cannot be scheduled."));
            }
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(InputProblem.of(
                    "date",
                    "meetings.error.when",
                    "date: give the date (YYYY-MM-DD) and time (HH:MM) of the meeting."));
        }
        String place = required(draft.place(), "place", MAX_PLACE, problems);
        String topic = required(draft.topic(), "topic", MAX_TOPIC, problems);
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        long id = jdbc.sql("""
                        insert into meeting (unit_id, starts_at, place, topic, created_at, created_by)
                        values (:unit, :at, :place, :topic, :now, :by) returning id""")
                .param("unit", unit.id())
                .param("at", Timestamp.from(startsAt))
                .param("place", place)
                .param("topic", topic)
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("by", actor.username())
                .query(Long.class)
                .single();
        audit.record(actor.username(), "COMMUNITY_MEETING_SCHEDULED", "meeting:" + id, unit.name() + ": " + topic);
        return id;
    }

    /** Records, once the meeting has begun, how many came and the minutes. A later report replaces the earlier one. */
    @Transactional
    public void report(long meetingId, Report report, Actor actor) {
        Meeting meeting = forStaff(meetingId, actor);
        requireHeld(meeting);
        List<InputProblem> problems = new ArrayList<>();
        Long count = parseLong(report.attendance());
        if (count == null || count < 0 || count > MAX_ATTENDANCE) {
            problems.add(InputProblem.of(
                    "attendance",
                    "meetings.error.attendance",
                    "attendance: give how many people came, a whole number from 0 to " + MAX_ATTENDANCE + ".",
                    // as text: a number argument would be shown with grouping separators
                    String.valueOf(MAX_ATTENDANCE)));
        }
        String minutes = required(report.minutes(), "minutes", MAX_MINUTES, problems);
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        jdbc.sql("""
                        update meeting set attendance = :count, minutes = :minutes, reported_at = :now,
                                           reported_by = :by
                        where id = :id""")
                .param("count", count.intValue())
                .param("minutes", minutes)
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("by", actor.username())
                .param("id", meetingId)
                .update();
        audit.record(actor.username(), "COMMUNITY_MEETING_REPORTED", "meeting:" + meetingId, count + " attended");
    }

    /**
     * Records a matter raised at a meeting that has begun, as a request on the meeting channel placed in the meeting's
     * unit when that unit is territorial, and links it to the meeting. It then waits in the hotline's queue to be
     * dispatched like any other request.
     */
    @Transactional
    public ResidentRequest raise(long meetingId, MatterDraft draft, Actor actor) {
        Meeting meeting = forStaff(meetingId, actor);
        requireHeld(meeting);
        List<InputProblem> problems = new ArrayList<>();
        RequestType type = RequestType.HELP;
        if (draft.type() != null && !draft.type().isBlank()) {
            try {
                type = RequestType.valueOf(draft.type().strip());
            } catch (IllegalArgumentException e) {
                problems.add(InputProblem.of("type", "meetings.error.type", "type: no such request type."));
            }
        }
        String text = required(draft.text(), "text", NewRequest.MAX_TEXT, problems);
        String category =
                draft.categoryCode() == null ? "" : draft.categoryCode().strip();
        if (!category.isEmpty() && units.findCategory(category).isEmpty()) {
            problems.add(InputProblem.of("categoryCode", "meetings.error.category", "categoryCode: no such category."));
        }
        String address = draft.address() == null ? "" : draft.address().strip();
        if (address.length() > NewRequest.MAX_ADDRESS) {
            problems.add(InputProblem.of(
                    "address",
                    "meetings.error.tooLong",
                    "address: at most " + NewRequest.MAX_ADDRESS + " characters.",
                    String.valueOf(NewRequest.MAX_ADDRESS)));
        }
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        Unit unit = units.unit(meeting.unitId());
        // A work team or department stands beside the territorial tree: its matter has no community to be placed in.
        Long community = unit.kind().territorial() && unit.kind() != UnitKind.PREFECTURE ? unit.id() : null;
        ResidentRequest request = intake.receive(
                new NewRequest(
                        Channel.CONSULTATION_MEETING,
                        type,
                        text,
                        category.isEmpty() ? null : category,
                        Urgency.NORMAL,
                        null,
                        null,
                        community,
                        address.isEmpty() ? null : address,
                        null,
                        null,
                        draft.confidential()),
                actor);
        jdbc.sql("insert into meeting_matter (meeting_id, request_id) values (?, ?)")
                .params(meetingId, request.id())
                .update();
        audit.record(
                actor.username(),
                "COMMUNITY_MEETING_MATTER",
                "meeting:" + meetingId,
                "request " + request.trackingCode());
        return request;
    }

    /** The meetings of the units the actor may act for: coming ones first, soonest first, then past ones. */
    public List<Meeting> forActor(Actor actor) {
        requireOrganiser(actor);
        Long root = actors.scopeRoot(actor);
        Set<Long> scope = root == null ? Set.of() : units.subtree(root);
        List<Meeting> all = jdbc.sql(SELECT + " where m.unit_id = any(:units) order by m.starts_at desc, m.id desc"
                        + " limit :limit")
                .param("units", scope.toArray(Long[]::new))
                .param("limit", 2 * LIST_LIMIT)
                .query(Meetings::map)
                .list();
        Instant now = Instant.now(clock);
        List<Meeting> coming = new ArrayList<>(
                all.stream().filter(m -> m.startsAt().isAfter(now)).toList());
        coming.sort(Comparator.comparing(Meeting::startsAt));
        List<Meeting> sorted = new ArrayList<>(coming);
        all.stream().filter(m -> !m.startsAt().isAfter(now)).forEach(sorted::add);
        return sorted;
    }

    /** Whether this actor organises meetings: staff of a unit, supervisors and administrators; not the hotline. */
    public boolean organises(Actor actor) {
        return actor.is(ORGANISERS);
    }

    /** How many meetings are still to come in the units the actor may act for; for the staff start page. */
    public long comingCount(Actor actor) {
        Long root = organises(actor) ? actors.scopeRoot(actor) : null;
        if (root == null) {
            return 0;
        }
        return jdbc.sql("select count(*) from meeting where starts_at > :now and unit_id = any(:units)")
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("units", units.subtree(root).toArray(Long[]::new))
                .query(Long.class)
                .single();
    }

    /** The units the actor may schedule meetings for, by code. */
    public List<Unit> unitChoices(Actor actor) {
        requireOrganiser(actor);
        Long root = actors.scopeRoot(actor);
        if (root == null) {
            return List.of();
        }
        Set<Long> scope = units.subtree(root);
        return units.units().stream()
                .filter(u -> scope.contains(u.id()))
                .filter(u -> u.kind() != UnitKind.HOTLINE && u.kind() != UnitKind.OFFICE)
                .sorted(Comparator.comparing(Unit::code))
                .toList();
    }

    /** One meeting for staff who may act for its unit. */
    public Meeting forStaff(long meetingId, Actor actor) {
        requireOrganiser(actor);
        Meeting meeting = find(meetingId)
                .orElseThrow(() -> JiesuException.notFound("There is no consultation meeting " + meetingId + "."));
        actors.requireScope(actor, meeting.unitId());
        return meeting;
    }

    /** The matters of a meeting with everything about them, for its organisers. */
    public List<Matter> mattersForStaff(long meetingId, Actor actor) {
        forStaff(meetingId, actor);
        return matters(meetingId, false);
    }

    public boolean held(Meeting meeting) {
        return !meeting.startsAt().isAfter(Instant.now(clock));
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    // ----------------------------------------------------------------------------------------------------- public

    /** A meeting as anyone may see it; the minutes stay with staff, since they may name who spoke. */
    public Meeting publicMeeting(long meetingId) {
        return hide(find(meetingId)
                .orElseThrow(() -> JiesuException.notFound("There is no consultation meeting " + meetingId + ".")));
    }

    private static Meeting hide(Meeting m) {
        return new Meeting(
                m.id(),
                m.unitId(),
                m.unitName(),
                m.startsAt(),
                m.place(),
                m.topic(),
                m.attendance(),
                null,
                m.reportedAt(),
                null,
                "",
                m.matters());
    }

    /** What became of each matter, for the public: a confidential one only by its status. */
    public List<Matter> publicMatters(long meetingId) {
        return matters(meetingId, true);
    }

    /** Coming meetings, soonest first, of the unit and the units below it (all units when none is given). */
    public List<Meeting> coming(@Nullable Long unitId) {
        return publicList(unitId, COMING, COMING_IN);
    }

    /** Past meetings, latest first, of the unit and the units below it (all units when none is given). */
    public List<Meeting> past(@Nullable Long unitId) {
        return publicList(unitId, PAST, PAST_IN);
    }

    private List<Meeting> publicList(@Nullable Long unitId, String all, String within) {
        if (unitId != null && units.find(unitId).isEmpty()) {
            throw JiesuException.notFound("There is no unit " + unitId + ".");
        }
        JdbcClient.StatementSpec statement = unitId == null
                ? jdbc.sql(all)
                : jdbc.sql(within).param("units", units.subtree(unitId).toArray(Long[]::new));
        return statement
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("limit", LIST_LIMIT)
                .query(Meetings::map)
                .list()
                .stream()
                .map(Meetings::hide)
                .toList();
    }

    /** The units that hold or held meetings, to pick from on the public list. */
    public List<Unit> unitsWithMeetings() {
        List<Long> ids = jdbc.sql("select distinct unit_id from meeting")
                .query(Long.class)
                .list();
        return ids.stream()
                .map(units::find)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(Unit::code))
                .toList();
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private Optional<Meeting> find(long id) {
        return jdbc.sql(SELECT + " where m.id = ?")
                .param(id)
                .query(Meetings::map)
                .optional();
    }

    private List<Matter> matters(long meetingId, boolean forPublic) {
        List<Long> ids = jdbc.sql("select request_id from meeting_matter where meeting_id = ? order by request_id")
                .param(meetingId)
                .query(Long.class)
                .list();
        List<ResidentRequest> requests = intake.findAll(ids);
        Map<Long, List<Order>> byRequest = orders.forRequests(ids);
        List<Matter> out = new ArrayList<>();
        for (ResidentRequest r : requests) {
            List<Order> all = byRequest.getOrDefault(r.id(), List.of());
            Optional<Order> lead = lead(all);
            String state = state(r, all);
            String reply = lead.filter(o -> o.state() == OrderState.REPLIED || o.state() == OrderState.CLOSED)
                    .map(Order::reply)
                    .orElse(r.status() == RequestStatus.ANSWERED ? r.answer() : null);
            boolean hidden = forPublic && r.confidential();
            out.add(new Matter(
                    r.id(),
                    hidden ? null : r.trackingCode(),
                    r.confidential(),
                    hidden ? null : r.text(),
                    status(r, all),
                    state,
                    hidden ? null : lead.map(Order::unitName).orElse(null),
                    hidden ? null : reply));
        }
        return out;
    }

    /** The lead order now in charge: the open one, else the latest. */
    private static Optional<Order> lead(List<Order> all) {
        List<Order> leads = all.stream().filter(o -> o.role() == OrderRole.LEAD).toList();
        return leads.stream()
                .filter(o -> !o.state().terminal())
                .findFirst()
                .or(() -> leads.stream()
                        .filter(o -> o.state() == OrderState.CLOSED)
                        .max(Comparator.comparing(Order::id)))
                .or(() -> leads.stream().max(Comparator.comparing(Order::id)));
    }

    /** Open or closed, as the Open311 view says it: closed once answered at once or once no lead order is open. */
    static String status(ResidentRequest r, List<Order> all) {
        if (r.status() == RequestStatus.ANSWERED) {
            return "closed";
        }
        if (r.status() == RequestStatus.RECEIVED) {
            return "open";
        }
        boolean open = all.stream()
                .anyMatch(o -> o.role() == OrderRole.LEAD && !o.state().terminal());
        return !open && all.stream().anyMatch(o -> o.state() == OrderState.CLOSED) ? "closed" : "open";
    }

    /** The finer state, as the tracking page says it; a pending return still counts as being handled. */
    static String state(ResidentRequest r, List<Order> all) {
        return switch (r.status()) {
            case RECEIVED -> "RECEIVED";
            case ANSWERED -> "ANSWERED";
            case DISPATCHED ->
                all.stream()
                        .filter(o -> o.role() == OrderRole.LEAD && !o.state().terminal())
                        .map(o -> o.state() == OrderState.RETURN_REQUESTED
                                ? "SIGNED"
                                : o.state().name())
                        .findFirst()
                        .orElseGet(() ->
                                all.stream().anyMatch(o -> o.state() == OrderState.CLOSED) ? "CLOSED" : "DISPATCHED");
        };
    }

    private void requireOrganiser(Actor actor) {
        actors.requireRole(actor, ORGANISERS);
    }

    private void requireHeld(Meeting meeting) {
        if (!held(meeting)) {
            throw new InputRefusal(
                    HttpStatus.CONFLICT,
                    List.of(InputProblem.of(
                            "meeting",
                            "meetings.error.notHeld",
                            "The meeting has not taken place yet: report on it and record its matters afterwards.")));
        }
    }

    private static String required(@Nullable String value, String field, int max, List<InputProblem> problems) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            problems.add(InputProblem.of(field, "meetings.error." + field, field + ": this field must not be empty."));
        } else if (v.length() > max) {
            problems.add(InputProblem.of(
                    field, "meetings.error.tooLong", field + ": at most " + max + " characters.", String.valueOf(max)));
        }
        return v;
    }

    private static @Nullable Long parseLong(@Nullable String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Meeting map(ResultSet rs, int row) throws SQLException {
        Timestamp reported = rs.getTimestamp("reported_at");
        int attendance = rs.getInt("attendance");
        boolean noCount = rs.wasNull();
        return new Meeting(
                rs.getLong("id"),
                rs.getLong("unit_id"),
                rs.getString("unit_name"),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getString("place"),
                rs.getString("topic"),
                noCount ? null : attendance,
                rs.getString("minutes"),
                reported == null ? null : reported.toInstant(),
                rs.getString("reported_by"),
                rs.getString("created_by"),
                rs.getInt("matters"));
    }
}
