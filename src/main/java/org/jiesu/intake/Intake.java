package org.jiesu.intake;

import static org.jiesu.platform.FormValues.blankToNull;
import static org.jiesu.platform.FormValues.optionalText;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jiesu.audit.AuditLog;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Receives requests from every channel and keeps them. */
@Service
public class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int CODE_SYMBOLS = 18;
    private static final DateTimeFormatter CODE_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Actors actors;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ZoneId zone;
    private final SecureRandom random = new SecureRandom();
    private final ContactCipher cipher;

    Intake(
            JdbcClient jdbc,
            UnitDirectory units,
            Actors actors,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            ContactCipher cipher,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.cipher = cipher;
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
        // The API and the forms validate these too; checked again here because this facade is what stores them.
        String address = optionalText(request.address(), "address", NewRequest.MAX_ADDRESS);
        String contactName = optionalText(request.contactName(), "contactName", NewRequest.MAX_CONTACT_NAME);
        String contactPhone = blankToNull(request.contactPhone());
        if (contactPhone != null && !contactPhone.matches(NewRequest.PHONE)) {
            throw JiesuException.invalid("contactPhone: must be a phone number of 5 to 20 digits.");
        }
        if (request.categoryCode() != null && !request.categoryCode().isBlank()) {
            units.category(request.categoryCode());
        }
        if ((request.latitude() == null) != (request.longitude() == null)) {
            throw JiesuException.invalid("Give both latitude and longitude, or neither.");
        }
        Long county = null;
        if (request.latitude() != null) {
            county = units.gridAt(request.latitude(), request.longitude())
                    .flatMap(grid -> units.county(grid.id()))
                    .map(Unit::id)
                    .orElse(null);
        }
        if (request.communityId() != null
                && units.find(request.communityId())
                        .filter(u -> u.kind().territorial())
                        .isEmpty()) {
            throw JiesuException.invalid("communityId: there is no community, village or other territorial unit "
                    + request.communityId() + ".");
        }
        if (request.communityId() != null) {
            county = units.county(request.communityId()).map(Unit::id).orElse(county);
        }
        Instant now = Instant.now(clock);
        String code = newTrackingCode(now);
        ResidentRequest saved = jdbc.sql("""
                        insert into request (tracking_code, channel, type, text, category_code, urgency, latitude,
                                             longitude, community_id, address, contact_name, contact_phone,
                                             contact_phone_hash, confidential, status, received_at, received_by,
                                             county_id)
                        values (:code, :channel, :type, :text, :category, :urgency, :lat, :lon, :community, :address,
                                :name, :phone, :phoneHash, :confidential, 'RECEIVED', :at, :by, :county)
                        returning *""")
                .param("code", code)
                .param("channel", channel.name())
                .param("type", (request.type() == null ? RequestType.HELP : request.type()).name())
                .param("text", text)
                .param("category", blankToNull(request.categoryCode()))
                .param("urgency", (request.urgency() == null ? Urgency.NORMAL : request.urgency()).name())
                .param("lat", request.latitude())
                .param("lon", request.longitude())
                .param("community", request.communityId())
                .param("address", address)
                .param("name", cipher.encrypt(contactName))
                .param("phone", cipher.encrypt(contactPhone))
                .param("phoneHash", cipher.phoneIndex(contactPhone))
                .param("confidential", Boolean.TRUE.equals(request.confidential()))
                .param("at", Timestamp.from(now))
                .param("by", actor.username())
                .param("county", county)
                .query(this::map)
                .single();
        long id = saved.id();
        log(id, actor, "RECEIVED", "Received by " + channel.name().toLowerCase().replace('_', ' '));
        // Its listeners write the audit line and queue the route proposal and the hot-issue placement, all in this
        // transaction; the queued follow-ups are done in batches after the commit, and again after a crash.
        events.publishEvent(new RequestReceived(id, code, channel, now, actor.username()));
        return saved;
    }

    /**
     * Records a request with its photos, in one transaction: at most {@link Photo#MAX_PHOTOS}, each at most
     * {@link Photo#MAX_BYTES}, each a JPEG, PNG or WebP by its content. A refused photo stores nothing.
     */
    @Transactional
    public ResidentRequest receive(NewRequest request, List<Photo> photos, Actor actor) {
        if (photos.size() > Photo.MAX_PHOTOS) {
            throw JiesuException.invalid("photos: at most " + Photo.MAX_PHOTOS + " photos.");
        }
        for (Photo p : photos) {
            if (p.content().length == 0 || p.content().length > Photo.MAX_BYTES) {
                throw JiesuException.invalid("photos: each photo at most " + Photo.MAX_BYTES / 1024 / 1024 + " MB.");
            }
            if (Photo.typeOf(p.content()).filter(t -> t.equals(p.contentType())).isEmpty()) {
                throw JiesuException.invalid("photos: only JPEG, PNG or WebP images.");
            }
        }
        ResidentRequest saved = receive(request, actor);
        Timestamp at = Timestamp.from(Instant.now(clock));
        for (Photo p : photos) {
            jdbc.sql("""
                            insert into attachment (request_id, content_type, size, content, created_at)
                            values (?, ?, ?, ?, ?)""")
                    .params(saved.id(), p.contentType(), p.content().length, p.content(), at)
                    .update();
        }
        return saved;
    }

    /**
     * The ids of the photos the tracking page may show for this code: none for a confidential request, whose photos
     * could tell who sent it.
     */
    public List<Long> publicPhotoIds(String trackingCode) {
        return jdbc.sql("""
                        select a.id from attachment a join request q on q.id = a.request_id
                        where q.tracking_code = ? and not q.confidential order by a.id""")
                .param(trackingCode.strip().toUpperCase())
                .query(Long.class)
                .list();
    }

    /** One photo of a request known by its tracking code, if the request is not confidential. */
    public Optional<Photo> publicPhoto(String trackingCode, long photoId) {
        return jdbc.sql("""
                        select a.content_type, a.content from attachment a join request q on q.id = a.request_id
                        where q.tracking_code = ? and a.id = ? and not q.confidential""")
                .params(trackingCode.strip().toUpperCase(), photoId)
                .query((rs, n) -> new Photo(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    /** A photo as staff see it listed: its id, type and size, without the bytes. */
    public record PhotoInfo(long id, String contentType, int size) {}

    /**
     * The photos of a request, for staff who may read it through an order of their unit (dispatch checks that), the
     * confidential request's too.
     */
    public List<PhotoInfo> photosOf(long requestId) {
        return jdbc.sql("select id, content_type, size from attachment where request_id = ? order by id")
                .param(requestId)
                .query((rs, n) -> new PhotoInfo(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .list();
    }

    /** One photo of a request, for staff; the caller has checked that the actor may read the request. */
    public Optional<Photo> photoOf(long requestId, long photoId) {
        return jdbc.sql("select content_type, content from attachment where request_id = ? and id = ?")
                .params(requestId, photoId)
                .query((rs, n) -> new Photo(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    /** How many photos a request has. */
    public int photoCount(long requestId) {
        return jdbc.sql("select count(*) from attachment where request_id = ?")
                .param(requestId)
                .query(Integer.class)
                .single();
    }

    /** These requests, in the order of their ids; ids of no request are left out. */
    public List<ResidentRequest> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from request where id = any(:ids) order by id")
                .param("ids", ids.toArray(Long[]::new))
                .query(this::map)
                .list();
    }

    public ResidentRequest get(long id) {
        return find(id).orElseThrow(() -> JiesuException.notFound("There is no request " + id + "."));
    }

    /** One request, for staff who may read it; see {@link #requireReader}. */
    public ResidentRequest get(long id, Actor actor) {
        ResidentRequest r = get(id);
        requireReader(actor, r);
        return r;
    }

    /**
     * Requests are read at intake by the hotline, supervisors and administrators of the territory the request's place
     * lies in, and by the staff member who recorded it. Everyone else reads a request only through an order of their
     * own unit, which dispatch checks.
     */
    public void requireReader(Actor actor, ResidentRequest r) {
        if (!mayRead(actor, r)) {
            throw JiesuException.forbidden(
                    "Request " + r.id() + " is not one you may read: it lies outside your territory.");
        }
    }

    public boolean mayRead(Actor actor, ResidentRequest r) {
        if (actor == Actor.SYSTEM || (actor.role().staff() && actor.username().equals(r.receivedBy()))) {
            return true;
        }
        if (!actor.is(Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)) {
            return false;
        }
        Long root = actors.scopeRoot(actor);
        Long place = placeOf(r);
        // A request with no place yet is the hotline's to place; a supervisor sees it once it has one.
        return root != null && (place == null ? !actor.is(Role.SUPERVISOR) : units.isWithin(place, root));
    }

    /** The lowest territorial unit known for the request's place, if it has one. */
    private @Nullable Long placeOf(ResidentRequest r) {
        if (r.latitude() != null && r.longitude() != null) {
            Optional<Long> grid = units.gridAt(r.latitude(), r.longitude()).map(u -> u.id());
            if (grid.isPresent()) {
                return grid.get();
            }
        }
        return r.communityId();
    }

    public Optional<ResidentRequest> find(long id) {
        return jdbc.sql("select * from request where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    public Optional<ResidentRequest> findByTrackingCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from request where tracking_code = ?")
                .param(code.strip().toUpperCase())
                .query(this::map)
                .optional();
    }

    /** Requests received from {@code from} up to, not including, {@code to}: newest first, optionally of these categories. */
    public List<ResidentRequest> receivedBetween(
            Instant from, Instant to, @Nullable Collection<String> categoryCodes, int limit, int offset) {
        if (categoryCodes == null) {
            return jdbc.sql("""
                            select * from request where received_at >= ? and received_at < ?
                            order by received_at desc, id desc limit ? offset ?""")
                    .params(Timestamp.from(from), Timestamp.from(to), limit, offset)
                    .query(this::map)
                    .list();
        }
        return jdbc.sql("""
                        select * from request where received_at >= ? and received_at < ? and category_code = any(?)
                        order by received_at desc, id desc limit ? offset ?""")
                .params(Timestamp.from(from), Timestamp.from(to), categoryCodes.toArray(String[]::new), limit, offset)
                .query(this::map)
                .list();
    }

    /** How many requests of one channel and type arrived in one local month; confidential ones count like any. */
    public record MonthlyCount(java.time.YearMonth month, Channel channel, RequestType type, long count) {}

    /**
     * Requests received from {@code from} up to, not including, {@code to}, counted by local month, channel and type:
     * numbers only, for the public transparency page and reports.
     */
    public List<MonthlyCount> countsByMonth(Instant from, Instant to) {
        return jdbc.sql("""
                        select to_char(received_at at time zone :zone, 'YYYY-MM') as month, channel, type, count(*) as n
                          from request
                         where received_at >= :from and received_at < :to
                         group by 1, 2, 3
                         order by 1, 2, 3""")
                .param("zone", zone.getId())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new MonthlyCount(
                        java.time.YearMonth.parse(rs.getString("month")),
                        Channel.valueOf(rs.getString("channel")),
                        RequestType.valueOf(rs.getString("type")),
                        rs.getLong("n")))
                .list();
    }

    /** When anything last happened to the request at intake. */
    public Instant lastLogged(long requestId) {
        return jdbc.sql("select max(at) from request_log where request_id = ?")
                .param(requestId)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElseGet(() -> get(requestId).receivedAt());
    }

    /**
     * When anything last happened at intake to each of these requests, by request id (logged ones only). The log is
     * partitioned by month, and a request's entries are never older than the request: reading only from the oldest
     * request's month on spares the planner and the lock table every older partition.
     */
    public Map<Long, Instant> lastLogged(Collection<ResidentRequest> requests) {
        Map<Long, Instant> logged = new HashMap<>();
        if (requests.isEmpty()) {
            return logged;
        }
        Instant oldest = requests.stream()
                .map(ResidentRequest::receivedAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        jdbc.sql("""
                        select request_id, max(at) from request_log where request_id = any(:ids) and at >= :since
                        group by request_id""")
                .param("ids", requests.stream().map(ResidentRequest::id).toArray(Long[]::new))
                .param("since", Timestamp.from(oldest.minus(Duration.ofDays(1))))
                .query(rs -> {
                    logged.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                });
        return logged;
    }

    /** Requests waiting for an operator: received, neither answered nor dispatched, oldest first. */
    public List<ResidentRequest> awaitingDispatch(int limit) {
        return jdbc.sql(
                        "select * from request where status = 'RECEIVED' order by urgency = 'EMERGENCY' desc, id limit ?")
                .param(limit)
                .query(this::map)
                .list();
    }

    public List<ResidentRequest> recent(int limit) {
        return jdbc.sql("select * from request order by id desc limit ?")
                .param(limit)
                .query(this::map)
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
        get(requestId, actor);
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

    /**
     * Shows a resident's contact details to staff, and records who looked and why. The caller has checked that the
     * actor may read the request: at intake through {@link #get(long, Actor)}, in dispatch through the order.
     */
    @Transactional
    public Contact unmaskContact(long requestId, String reason, Actor actor) {
        if (!actor.role().staff()) {
            throw JiesuException.forbidden("Only staff may see contact details.");
        }
        if (reason == null || reason.isBlank()) {
            throw JiesuException.invalid("reason: say why you need the contact details; it is recorded.");
        }
        if (reason.strip().length() > NewRequest.MAX_REASON) {
            throw JiesuException.invalid("reason: at most " + NewRequest.MAX_REASON + " characters.");
        }
        Contact contact = jdbc.sql("select contact_name, contact_phone from request where id = ?")
                .param(requestId)
                .query((rs, n) -> new Contact(cipher.decrypt(rs.getString(1)), cipher.decrypt(rs.getString(2))))
                .optional()
                .orElseThrow(() -> JiesuException.notFound("There is no request " + requestId + "."));
        audit.record(actor.username(), "UNMASK_CONTACT", "request:" + requestId, reason.strip());
        return contact;
    }

    /**
     * The hotline's view of a caller: their earlier requests found by the phone number's keyed hash, newest first,
     * masked, only those the actor may read. Every lookup is audited like an unmasking, because it tells staff what
     * else a person has asked.
     */
    @Transactional
    public List<ResidentRequest> earlierRequestsOf(String phone, Actor actor, int limit) {
        actors.requireRole(actor, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
        String given = phone == null ? "" : phone.strip();
        String digits = given.replaceAll("[^0-9]", "");
        if (!given.matches(NewRequest.PHONE) || digits.length() < 5) {
            throw JiesuException.invalid("contactPhone: must be a phone number of 5 to 20 digits.");
        }
        List<ResidentRequest> found = jdbc.sql("""
                        select * from request where contact_phone_hash = ?
                        order by id desc limit 100""").param(cipher.phoneIndex(digits)).query(this::map).list().stream()
                .filter(r -> mayRead(actor, r))
                .limit(limit)
                .toList();
        audit.record(
                actor.username(),
                "LOOKUP_CALLER",
                "phone:" + Contact.maskPhone(digits),
                "Earlier requests of a caller looked up at intake; " + found.size() + " shown.");
        return found;
    }

    /**
     * A keyed hash of a phone number for another module that must recognise a number again without keeping it (one
     * vote per phone in a poll). The scope names the use; hashes of different scopes never match each other or the
     * request index. The number must already be checked: only its digits count.
     */
    public String scopedPhoneHash(String scope, String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("A phone number needs digits");
        }
        return cipher.scopedPhoneIndex(scope, digits);
    }

    /** Many requests at once, by id, for lists: one query instead of one per row. */
    public Map<Long, ResidentRequest> getAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, ResidentRequest> found = new HashMap<>();
        jdbc.sql("select * from request where id = any(?)")
                .param(ids.toArray(Long[]::new))
                .query(this::map)
                .list()
                .forEach(r -> found.put(r.id(), r));
        return found;
    }

    /** Fills the phone index of requests stored before it existed; run at every start, it finds none after. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void indexPhones() {
        record Unindexed(long id, String phone) {}
        // One read of the rows still to index (an index lookup: V67 keeps exactly those), not one read per row.
        List<Unindexed> unindexed = jdbc.sql("""
                        select id, contact_phone from request
                        where contact_phone is not null and contact_phone_hash is null
                        for update""")
                .query((rs, n) -> new Unindexed(rs.getLong(1), cipher.decrypt(rs.getString(2))))
                .list();
        for (Unindexed row : unindexed) {
            jdbc.sql("update request set contact_phone_hash = ? where id = ?")
                    .params(cipher.phoneIndex(row.phone()), row.id())
                    .update();
        }
        if (!unindexed.isEmpty()) {
            log.info("Indexed the phone numbers of {} requests stored before the phone index", unindexed.size());
        }
    }

    /** Seals contact details stored before they were encrypted at rest; run at every start, it finds none after. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void sealPlainContacts() {
        List<Long> plain = jdbc.sql("""
                        select id from request
                        where (contact_name is not null and contact_name not like 'enc:v1:%')
                           or (contact_phone is not null and contact_phone not like 'enc:v1:%')
                        for update""").query(Long.class).list();
        for (long id : plain) {
            Contact contact = jdbc.sql("select contact_name, contact_phone from request where id = ?")
                    .param(id)
                    .query((rs, n) -> new Contact(cipher.decrypt(rs.getString(1)), cipher.decrypt(rs.getString(2))))
                    .single();
            jdbc.sql("update request set contact_name = ?, contact_phone = ? where id = ?")
                    .params(cipher.encrypt(contact.name()), cipher.encrypt(contact.phone()), id)
                    .update();
        }
        if (!plain.isEmpty()) {
            log.info("Encrypted the contact details of {} requests stored before encryption at rest", plain.size());
        }
    }

    /**
     * Forgets the contact details of these requests (the retention period after closure has passed): the request and
     * its history stay, the name and number are gone for good. Returns how many requests had details to forget.
     */
    @Transactional
    public int purgeContacts(Collection<Long> requestIds, String why) {
        List<Long> purged = jdbc.sql("""
                        update request set contact_name = null, contact_phone = null, contact_phone_hash = null
                        where id = any(?) and (contact_name is not null or contact_phone is not null)
                        returning id""")
                .param(requestIds.toArray(Long[]::new))
                .query(Long.class)
                .list();
        for (long id : purged) {
            log(id, Actor.SYSTEM, "CONTACT_PURGED", why);
        }
        return purged.size();
    }

    /** Requests answered directly (no order) before this moment whose contact details are still kept. */
    public List<Long> answeredWithContactBefore(Instant cutoff) {
        return jdbc.sql("""
                        select q.id from request q
                        where q.status = 'ANSWERED' and (q.contact_name is not null or q.contact_phone is not null)
                          and (select max(l.at) from request_log l
                               where l.request_id = q.id and l.action = 'ANSWERED') < ?""").param(Timestamp.from(cutoff)).query(Long.class).list();
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
        // 18 symbols of 31 carry 89 bits: nobody finds another resident's request by trying codes.
        for (int i = 0; i < CODE_SYMBOLS; i++) {
            if (i > 0 && i % 6 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private void log(long requestId, Actor actor, String action, String detail) {
        jdbc.sql("insert into request_log (request_id, at, actor, action, detail) values (?, ?, ?, ?, ?)")
                .params(requestId, Timestamp.from(Instant.now(clock)), actor.username(), action, detail)
                .update();
    }

    private ResidentRequest map(ResultSet rs, int row) throws SQLException {
        Contact masked = new Contact(
                        cipher.decrypt(rs.getString("contact_name")), cipher.decrypt(rs.getString("contact_phone")))
                .masked();
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
