package org.jiesu.intake;

import static org.jiesu.platform.FormValues.blankToNull;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jiesu.audit.AuditLog;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Receives requests from every channel and keeps them. */
@Service
public class Intake {

    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final DateTimeFormatter CODE_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Actors actors;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ZoneId zone;
    private final SecureRandom random = new SecureRandom();

    Intake(
            JdbcClient jdbc,
            UnitDirectory units,
            Actors actors,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.units = units;
        this.actors = actors;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
    }

    /** Records a request and returns it with its tracking code. Residents may use only the web and API channels. */
    @Transactional
    public ResidentRequest receive(NewRequest request, Actor actor) {
        Channel channel = channelFor(request.channel(), actor);
        String text = request.text() == null ? "" : request.text().strip();
        if (text.isEmpty()) {
            throw JiesuException.invalid("text: say what the request is about.");
        }
        if (text.length() > NewRequest.MAX_TEXT) {
            throw JiesuException.invalid(
                    "text: at most " + NewRequest.MAX_TEXT + " characters (got " + text.length() + ").");
        }
        if (request.categoryCode() != null && !request.categoryCode().isBlank()) {
            units.category(request.categoryCode());
        }
        if ((request.latitude() == null) != (request.longitude() == null)) {
            throw JiesuException.invalid("Give both latitude and longitude, or neither.");
        }
        if (request.latitude() != null) {
            units.gridAt(request.latitude(), request.longitude());
        }
        if (request.communityId() != null
                && units.find(request.communityId())
                        .filter(u -> u.kind().territorial())
                        .isEmpty()) {
            throw JiesuException.invalid("communityId: there is no community, village or other territorial unit "
                    + request.communityId() + ".");
        }
        Instant now = Instant.now(clock);
        String code = newTrackingCode(now);
        long id = jdbc.sql("""
                        insert into request (tracking_code, channel, type, text, category_code, urgency, latitude,
                                             longitude, community_id, address, contact_name, contact_phone,
                                             confidential, status, received_at, received_by)
                        values (:code, :channel, :type, :text, :category, :urgency, :lat, :lon, :community, :address,
                                :name, :phone, :confidential, 'RECEIVED', :at, :by)
                        returning id""")
                .param("code", code)
                .param("channel", channel.name())
                .param("type", (request.type() == null ? RequestType.HELP : request.type()).name())
                .param("text", text)
                .param("category", blankToNull(request.categoryCode()))
                .param("urgency", (request.urgency() == null ? Urgency.NORMAL : request.urgency()).name())
                .param("lat", request.latitude())
                .param("lon", request.longitude())
                .param("community", request.communityId())
                .param("address", blankToNull(request.address()))
                .param("name", blankToNull(request.contactName()))
                .param("phone", blankToNull(request.contactPhone()))
                .param("confidential", Boolean.TRUE.equals(request.confidential()))
                .param("at", Timestamp.from(now))
                .param("by", actor.username())
                .query(Long.class)
                .single();
        log(id, actor, "RECEIVED", "Received by " + channel.name().toLowerCase().replace('_', ' '));
        // Recorded with the request by the event publication registry: its follow-ups (the route proposal, the
        // audit line) happen after the commit, and again after a crash until each is done.
        events.publishEvent(new RequestReceived(id, code, channel, now, actor.username()));
        return get(id);
    }

    public ResidentRequest get(long id) {
        return find(id).orElseThrow(() -> JiesuException.notFound("There is no request " + id + "."));
    }

    public Optional<ResidentRequest> find(long id) {
        return jdbc.sql("select * from request where id = ?")
                .param(id)
                .query(Intake::map)
                .optional();
    }

    public Optional<ResidentRequest> findByTrackingCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from request where tracking_code = ?")
                .param(code.strip().toUpperCase())
                .query(Intake::map)
                .optional();
    }

    /** Requests waiting for an operator: received, neither answered nor dispatched, oldest first. */
    public List<ResidentRequest> awaitingDispatch(int limit) {
        return jdbc.sql(
                        "select * from request where status = 'RECEIVED' order by urgency = 'EMERGENCY' desc, id limit ?")
                .param(limit)
                .query(Intake::map)
                .list();
    }

    public List<ResidentRequest> recent(int limit) {
        return jdbc.sql("select * from request order by id desc limit ?")
                .param(limit)
                .query(Intake::map)
                .list();
    }

    /** How many requests stand in each status. */
    public Map<RequestStatus, Long> countByStatus() {
        Map<RequestStatus, Long> counts = new EnumMap<>(RequestStatus.class);
        jdbc.sql("select status, count(*) from request group by status").query(rs -> {
            counts.put(RequestStatus.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    public List<RequestLogEntry> log(long requestId) {
        return jdbc.sql("select at, actor, action, detail from request_log where request_id = ? order by id")
                .param(requestId)
                .query((rs, n) -> new RequestLogEntry(
                        rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** An operator answers a consultation from the knowledge base at once; the request is closed without an order. */
    @Transactional
    public ResidentRequest answerDirectly(long requestId, String answer, Actor actor) {
        actors.requireRole(actor, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
        if (answer == null || answer.isBlank()) {
            throw JiesuException.invalid("answer: write the answer the resident receives.");
        }
        if (answer.length() > NewRequest.MAX_TEXT) {
            throw JiesuException.invalid("answer: at most " + NewRequest.MAX_TEXT + " characters.");
        }
        int changed = jdbc.sql(
                        "update request set status = 'ANSWERED', answer = ? where id = ? and status = 'RECEIVED'")
                .params(answer.strip(), requestId)
                .update();
        if (changed == 0) {
            ResidentRequest r = get(requestId);
            throw JiesuException.illegalTransition("Request " + r.trackingCode() + " is " + r.status()
                    + ": only a request that is still waiting can be answered directly.");
        }
        log(requestId, actor, "ANSWERED", answer.strip());
        return get(requestId);
    }

    /**
     * Marks a waiting request as dispatched under the category it was dispatched by (the operator may have chosen or
     * corrected it); called by dispatch in its own transaction. Refused when the request was answered or dispatched by
     * someone else meanwhile.
     */
    @Transactional
    public void markDispatched(long requestId, @Nullable String categoryCode) {
        int changed = jdbc.sql("""
                        update request set status = 'DISPATCHED', category_code = coalesce(?, category_code)
                        where id = ? and status = 'RECEIVED'""").params(categoryCode, requestId).update();
        if (changed == 0) {
            ResidentRequest r = get(requestId);
            throw JiesuException.illegalTransition("Request " + r.trackingCode() + " is " + r.status()
                    + " already: only a request that is still waiting can be dispatched.");
        }
    }

    /** Shows a resident's contact details to staff, and records who looked and why. */
    @Transactional
    public Contact unmaskContact(long requestId, String reason, Actor actor) {
        if (!actor.role().staff()) {
            throw JiesuException.forbidden("Only staff may see contact details.");
        }
        if (reason == null || reason.isBlank()) {
            throw JiesuException.invalid("reason: say why you need the contact details; it is recorded.");
        }
        Contact contact = jdbc.sql("select contact_name, contact_phone from request where id = ?")
                .param(requestId)
                .query((rs, n) -> new Contact(rs.getString(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> JiesuException.notFound("There is no request " + requestId + "."));
        audit.record(actor.username(), "UNMASK_CONTACT", "request:" + requestId, reason.strip());
        return contact;
    }

    private Channel channelFor(@Nullable Channel asked, Actor actor) {
        if (actor.role() == Role.RESIDENT) {
            Channel c = asked == null ? Channel.WEB : asked;
            if (c != Channel.WEB && c != Channel.API) {
                throw JiesuException.forbidden("Residents file requests on the web or through the API; " + c
                        + " requests are recorded by staff.");
            }
            return c;
        }
        if (asked != null) {
            return asked;
        }
        return actor.role() == Role.GRID_WORKER ? Channel.GRID_VISIT : Channel.HOTLINE;
    }

    private String newTrackingCode(Instant now) {
        StringBuilder code = new StringBuilder("JS")
                .append(CODE_DATE.format(now.atZone(zone)))
                .append('-');
        for (int i = 0; i < 6; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private void log(long requestId, Actor actor, String action, String detail) {
        jdbc.sql("insert into request_log (request_id, at, actor, action, detail) values (?, ?, ?, ?, ?)")
                .params(requestId, Timestamp.from(Instant.now(clock)), actor.username(), action, detail)
                .update();
    }

    private static ResidentRequest map(ResultSet rs, int row) throws SQLException {
        Contact masked = new Contact(rs.getString("contact_name"), rs.getString("contact_phone")).masked();
        return new ResidentRequest(
                rs.getLong("id"),
                rs.getString("tracking_code"),
                Channel.valueOf(rs.getString("channel")),
                RequestType.valueOf(rs.getString("type")),
                rs.getString("text"),
                rs.getString("category_code"),
                Urgency.valueOf(rs.getString("urgency")),
                rs.getObject("latitude", Double.class),
                rs.getObject("longitude", Double.class),
                rs.getObject("community_id", Long.class),
                rs.getString("address"),
                masked.name(),
                masked.phone(),
                rs.getBoolean("confidential"),
                RequestStatus.valueOf(rs.getString("status")),
                rs.getString("answer"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getString("received_by"));
    }
}
