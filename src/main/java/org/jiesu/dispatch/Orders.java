package org.jiesu.dispatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jiesu.governance.HotIssues;
import org.jiesu.intake.Intake;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.intake.Urgency;
import org.jiesu.notification.Notice;
import org.jiesu.notification.Notifier;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Category;
import org.jiesu.units.LimitClass;
import org.jiesu.units.Route;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dispatches requests and carries orders through their lifecycle. Every change is checked against the state
 * machine and the actor's scope, written with the order's version so that of two people acting at once exactly one
 * wins, and recorded in the order's history in the same transaction.
 */
@Service
public class Orders {

    static final int MAX_REASON = 2000;
    /** The dispatcher's note beside the catalogue's explanation. */
    static final int MAX_NOTE = 500;
    /** A person's name, such as the unit head who signs off a final reply. */
    static final int MAX_NAME = 100;
    /** Supporting units of one dispatch; a real matter has two or three. */
    static final int MAX_SUPPORTS = 20;

    private final JdbcClient jdbc;
    private final Intake intake;
    private final UnitDirectory units;
    private final Actors actors;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ZoneId zone;
    private final Notifier notifier;
    private final boolean autoEscalate;
    private final double similarNearMetres;
    private final double similarMinScore;
    private final TimeLimits timeLimits;

    Orders(
            JdbcClient jdbc,
            Intake intake,
            UnitDirectory units,
            Actors actors,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone,
            Notifier notifier,
            @Value("${jiesu.timers.auto-escalate:true}") boolean autoEscalate,
            @Value("${jiesu.merge.near-metres:500}") double similarNearMetres,
            @Value("${jiesu.merge.min-similarity:0.2}") double similarMinScore,
            TimeLimits timeLimits) {
        this.similarNearMetres = similarNearMetres;
        this.similarMinScore = similarMinScore;
        this.notifier = notifier;
        this.autoEscalate = autoEscalate;
        this.timeLimits = timeLimits;
        this.jdbc = jdbc;
        this.intake = intake;
        this.units = units;
        this.actors = actors;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
    }

    // ---------------------------------------------------------------------------------------------------- routing

    /** Where the catalogue would send this request (with a category given or the request's own). */
    public Route suggest(long requestId, @Nullable String categoryCode) {
        ResidentRequest r = intake.get(requestId);
        String category = categoryCode != null && !categoryCode.isBlank() ? categoryCode : r.categoryCode();
        if (category == null) {
            throw JiesuException.invalid("Choose a category first: the catalogue routes by category.");
        }
        return units.route(r.latitude(), r.longitude(), r.communityId(), category, Set.of());
    }

    /** Dispatches a waiting request: to the named unit, or through the catalogue. Returns the lead order. */
    @Transactional
    public Order dispatch(long requestId, DispatchCommand command, Actor actor) {
        actors.requireRole(actor, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN, Role.GRID_WORKER);
        String extra = FormValues.optionalText(command.note(), "note", MAX_NOTE);
        if (command.supportUnitIds() != null && command.supportUnitIds().size() > MAX_SUPPORTS) {
            throw JiesuException.invalid("supportUnitIds: at most " + MAX_SUPPORTS + " supporting units.");
        }
        ResidentRequest request = intake.get(requestId, actor);
        String categoryCode =
                command.categoryCode() != null && !command.categoryCode().isBlank()
                        ? command.categoryCode().strip()
                        : request.categoryCode();
        Category category = categoryCode == null ? null : units.category(categoryCode);
        Route route;
        if (command.unitId() != null) {
            Unit unit = units.unit(command.unitId());
            route = new Route(
                    unit.id(), unit.name(), null, false, "Sent to " + unit.name() + " by " + actor.displayName() + ".");
        } else if (category == null) {
            throw JiesuException.invalid("Choose a category or a unit: the catalogue routes by category.");
        } else {
            route = units.route(
                    request.latitude(), request.longitude(), request.communityId(), category.code(), Set.of());
        }
        actors.requireScope(actor, route.unitId());
        // Supporting units: as the dispatcher names them, else as the catalogue does.
        List<Long> supports = command.supportUnitIds() != null ? command.supportUnitIds() : route.supportUnitIds();
        for (Long support : new LinkedHashSet<>(supports)) {
            units.unit(support);
            actors.requireScope(actor, support);
            if (support == route.unitId()) {
                throw JiesuException.invalid("The lead unit cannot support itself.");
            }
        }
        intake.markDispatched(requestId, category == null ? null : category.code());
        LimitClass limitClass = limitClass(request, category);
        String note = route.explanation() + (extra == null ? "" : " " + extra);
        Order lead = create(requestId, route.unitId(), OrderRole.LEAD, limitClass, note, route.fallback(), actor);
        for (Long support : new LinkedHashSet<>(supports)) {
            create(
                    requestId,
                    support,
                    OrderRole.SUPPORT,
                    limitClass,
                    "Supports " + route.unitName() + ".",
                    false,
                    actor);
        }
        return lead;
    }

    // ---------------------------------------------------------------------------------------------- unit actions

    @Transactional
    public Order sign(long orderId, Actor actor) {
        Order o = get(orderId);
        requireHandler(actor, o);
        Instant now = now();
        return change(o, OrderAction.SIGN, actor, "", Map.of("signed_at", ts(now)));
    }

    @Transactional
    public Order requestReturn(long orderId, String reason, Actor actor) {
        Order o = get(orderId);
        requireHandler(actor, o);
        String why = required(reason, "reason", "say why this order is not yours to handle");
        Instant windowEnds = rules().returnWindowEnds(o.dispatchedAt());
        if (now().isAfter(windowEnds)) {
            throw JiesuException.illegalTransition("The return window closed at " + local(windowEnds)
                    + ": after that the unit keeps the order and may ask to escalate it instead.");
        }
        Map<String, Object> set = new HashMap<>();
        set.put("state_before_return", o.state().name());
        set.put("return_reason", why);
        return change(o, OrderAction.REQUEST_RETURN, actor, why, set);
    }

    /**
     * A supervisor rules on a requested return. Approved: the order is returned and the request re-dispatched, to
     * the named unit or through the catalogue leaving out the unit that returned it. Rejected: the unit keeps it.
     */
    @Transactional
    public Order ruleOnReturn(long orderId, boolean approve, String reason, @Nullable Long newUnitId, Actor actor) {
        actors.requireRole(actor, Role.SUPERVISOR, Role.ADMIN);
        Order o = get(orderId);
        actors.requireScope(actor, o.unitId());
        String why = required(reason, "reason", "give the grounds of the ruling");
        if (!approve) {
            return change(o, OrderAction.REJECT_RETURN, actor, why, Map.of());
        }
        OrderStateMachine.next(o.state(), OrderAction.APPROVE_RETURN, null);
        ResidentRequest request = intake.get(o.requestId());
        Route route;
        if (newUnitId != null) {
            Unit unit = units.unit(newUnitId);
            route = new Route(unit.id(), unit.name(), null, false, "Re-dispatched to " + unit.name() + " on ruling.");
        } else {
            if (request.categoryCode() == null) {
                throw JiesuException.invalid("The request has no category; name the unit to re-dispatch to.");
            }
            route = units.route(
                    request.latitude(),
                    request.longitude(),
                    request.communityId(),
                    request.categoryCode(),
                    previousUnits(o.requestId()));
        }
        if (route.unitId() == o.unitId()) {
            throw JiesuException.invalid("Re-dispatch to another unit than the one that returned the order.");
        }
        Unit from = units.unit(o.unitId());
        Unit to = units.unit(route.unitId());
        if (from.kind() == UnitKind.DEPARTMENT
                && to.kind().territorial()
                && to.kind().level().grassroots()) {
            throw JiesuException.invalid("Work of a functional department must not be pushed down to " + to.name()
                    + ": choose another department or the county.");
        }
        actors.requireScope(actor, to.id());
        return handOver(
                o,
                OrderAction.APPROVE_RETURN,
                actor,
                why,
                to,
                "Re-dispatched after a return: " + route.explanation(),
                route.fallback());
    }

    @Transactional
    public Order extend(long orderId, String reason, Actor actor) {
        Order o = get(orderId);
        requireHandler(actor, o);
        String why = required(reason, "reason", "say why more time is needed");
        TimeRules rules = rules();
        if (o.extensions() >= rules.maxExtensions()) {
            throw JiesuException.illegalTransition("This order has been extended " + o.extensions()
                    + " times, the most allowed. Ask to escalate it instead.");
        }
        OrderStateMachine.next(o.state(), OrderAction.EXTEND, null);
        Instant deadline = rules.extend(o.replyDeadline());
        Order extended = change(
                o,
                OrderAction.EXTEND,
                actor,
                why + " (new deadline " + local(deadline) + ")",
                Map.of("extensions", o.extensions() + 1, "reply_deadline", ts(deadline)));
        events.publishEvent(new OrderDeadlineMoved(o.id(), now(), deadline));
        return extended;
    }

    /** Sends the matter one level up: the order ends here and the unit above gets a new one. */
    @Transactional
    public Order escalate(long orderId, String reason, Actor actor) {
        Order o = get(orderId);
        if (!actor.is(Role.SUPERVISOR, Role.ADMIN)) {
            requireHandler(actor, o);
        } else {
            actors.requireScope(actor, o.unitId());
        }
        String why = required(reason, "reason", "say why this needs the level above");
        OrderStateMachine.next(o.state(), OrderAction.ESCALATE, null);
        Unit above = units.levelAbove(o.unitId())
                .orElseThrow(() ->
                        JiesuException.illegalTransition(units.unit(o.unitId()).name() + " has no level above it."));
        return handOver(
                o,
                OrderAction.ESCALATE,
                actor,
                why,
                above,
                "Escalated from " + units.unit(o.unitId()).name() + ": " + why,
                false);
    }

    /** Joins a repeated request's order into the order already handling the same matter. */
    @Transactional
    public Order merge(long orderId, long intoOrderId, String reason, Actor actor) {
        actors.requireRole(actor, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
        if (orderId == intoOrderId) {
            throw JiesuException.invalid("An order cannot be merged into itself.");
        }
        Order o = get(orderId);
        Order into = get(intoOrderId);
        actors.requireScope(actor, o.unitId());
        actors.requireScope(actor, into.unitId());
        String why = required(reason, "reason", "say why these are the same matter");
        if (into.state().terminal() || into.state() == OrderState.REPLIED) {
            throw JiesuException.illegalTransition("Order " + intoOrderId + " is " + into.state()
                    + ": merge into an order that is still being handled.");
        }
        Order merged = change(
                o, OrderAction.MERGE, actor, why + " → order " + intoOrderId, Map.of("merged_into", intoOrderId));
        copyRequests(o.id(), into.id());
        change(into, OrderAction.MERGE_IN, actor, "Order " + orderId + " merged in: " + why, Map.of());
        return merged;
    }

    /**
     * Open lead orders that may be about the same matter as a waiting request: same category (or same top-level
     * category), in the same community or within {@code similarNearMetres}, with text at least {@code
     * similarMinScore} alike. Best first.
     */
    public List<SimilarOrder> similarOpen(long requestId, int limit) {
        ResidentRequest r = intake.get(requestId);
        return similarOpen(r.text(), r.categoryCode(), r.communityId(), r.latitude(), r.longitude(), requestId, limit);
    }

    /**
     * Open lead orders that may be about the same matter as a request not yet recorded, as the operator types it:
     * the same rules as for a waiting request. {@code excludeRequestId} is left out of the answer; 0 for none.
     */
    public List<SimilarOrder> similarOpen(
            String text,
            @Nullable String categoryCode,
            @Nullable Long communityId,
            @Nullable Double latitude,
            @Nullable Double longitude,
            long excludeRequestId,
            int limit) {
        if (categoryCode == null || categoryCode.isBlank() || text == null || text.isBlank()) {
            return List.of();
        }
        Category category = units.category(categoryCode);
        String family = category.parentCode() == null ? category.code() : category.parentCode();
        List<Order> candidates = jdbc.sql(SELECT + """
                         join request q on q.id = o.request_id
                         left join category c on c.code = q.category_code
                         where o.role = 'LEAD' and o.state in ('DISPATCHED', 'SIGNED')
                           and (q.category_code = ? or c.parent_code = ? or q.category_code = ?)
                           and q.id <> ?
                         order by o.id desc limit 500""")
                .params(category.code(), family, family, excludeRequestId)
                .query(this::map)
                .list();
        Map<Long, ResidentRequest> requests =
                intake.getAll(candidates.stream().map(Order::requestId).toList());
        List<SimilarOrder> found = new ArrayList<>();
        for (Order o : candidates) {
            ResidentRequest other = requests.get(o.requestId());
            if (other == null) {
                continue;
            }
            Double metres = latitude != null && longitude != null && other.latitude() != null
                    ? TextSimilarity.metres(latitude, longitude, other.latitude(), other.longitude())
                    : null;
            boolean near = (metres != null && metres <= similarNearMetres)
                    || (communityId != null && communityId.equals(other.communityId()));
            double score = HotIssues.similarity(text, other.text());
            if (near && score >= similarMinScore) {
                found.add(new SimilarOrder(
                        o.id(),
                        other.id(),
                        other.trackingCode(),
                        other.text(),
                        o.unitName(),
                        o.state(),
                        score,
                        metres));
            }
        }
        found.sort(Comparator.comparingDouble(SimilarOrder::similarity).reversed());
        return found.subList(0, Math.min(limit, found.size()));
    }

    /**
     * Joins a waiting request to the order already handling the same matter (并单 at intake): no order of its own; the
     * order's reply answers it and its requester is called back like the first.
     */
    @Transactional
    public Order attach(long requestId, long intoOrderId, String reason, Actor actor) {
        actors.requireRole(actor, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
        intake.get(requestId, actor);
        Order into = get(intoOrderId);
        actors.requireScope(actor, into.unitId());
        String why = required(reason, "reason", "say why this is the same matter");
        if (into.role() != OrderRole.LEAD
                || !(into.state() == OrderState.DISPATCHED || into.state() == OrderState.SIGNED)) {
            throw JiesuException.illegalTransition("Order " + intoOrderId + " is " + into.state()
                    + ": join a request to a lead order that is still being handled.");
        }
        intake.markDispatched(requestId, null);
        jdbc.sql("insert into order_request (order_id, request_id) values (?, ?)")
                .params(intoOrderId, requestId)
                .update();
        return change(
                into,
                OrderAction.MERGE_IN,
                actor,
                "Request " + intake.get(requestId).trackingCode() + " joined: " + why,
                Map.of());
    }

    @Transactional
    public Order urge(long orderId, String note, Actor actor) {
        actors.requireRole(actor, Role.SUPERVISOR, Role.ADMIN);
        Order o = get(orderId);
        actors.requireScope(actor, o.unitId());
        String why = required(note, "note", "say what the unit should hurry with");
        return change(o, OrderAction.URGE, actor, why, Map.of("urged_at", ts(now()), "urge_note", why));
    }

    @Transactional
    public Order reply(long orderId, String text, Actor actor) {
        Order o = get(orderId);
        requireHandler(actor, o);
        String reply = required(text, "text", "write the reply the resident receives");
        Instant now = now();
        if (o.role() == OrderRole.SUPPORT) {
            // A supporting unit reports to the lead; its part ends with that.
            OrderStateMachine.next(o.state(), OrderAction.REPLY, null);
            Order replied = change(o, OrderAction.REPLY, actor, reply, Map.of("reply", reply, "replied_at", ts(now)));
            return change(
                    replied,
                    OrderAction.CLOSE,
                    Actor.SYSTEM,
                    "Supporting reply passed to the lead unit.",
                    Map.of("closed_at", ts(now)));
        }
        Order replied = change(o, OrderAction.REPLY, actor, reply, Map.of("reply", reply, "replied_at", ts(now)));
        events.publishEvent(new OrderReplied(o.id(), o.unitId(), now, !now.isAfter(o.replyDeadline())));
        for (long requestId : requestsOf(o.id())) {
            notifier.send(Notice.toRequester(
                    requestId,
                    o.id(),
                    "您反映的诉求 " + intake.get(requestId).trackingCode() + " 已由 " + o.unitName() + " 答复，可凭查询码查看；稍后热线将回访。"));
        }
        return replied;
    }

    /** A final reply (最终答复) to an unreasonable request, signed off by the unit head; it closes the order unscored. */
    @Transactional
    public Order finalReply(long orderId, String text, String signedOffBy, Actor actor) {
        Order o = get(orderId);
        requireHandler(actor, o);
        String reply = required(text, "text", "write the final reply");
        String head = required(signedOffBy, "signedOffBy", "name the unit head who signed off the final reply");
        if (head.length() > MAX_NAME) {
            throw JiesuException.invalid("signedOffBy: at most " + MAX_NAME + " characters.");
        }
        Instant now = now();
        Order closed = change(
                o,
                OrderAction.FINAL_REPLY,
                actor,
                reply + " (signed off by " + head + ")",
                Map.of(
                        "reply",
                        reply,
                        "replied_at",
                        ts(now),
                        "closed_at",
                        ts(now),
                        "final_reply",
                        true,
                        "final_signed_off_by",
                        head));
        events.publishEvent(new OrderClosed(o.id(), o.unitId(), now, true));
        return closed;
    }

    /** Notes one callback attempt in the order's history; the order stays replied. */
    @Transactional
    public Order noteCallback(long orderId, String summary, Actor actor) {
        return change(get(orderId), OrderAction.CALLBACK, actor, summary, Map.of());
    }

    /** Ends a callback round: every requester resolved → closed; anyone not → the order is redone. */
    @Transactional
    public Order finishCallbackRound(long orderId, boolean resolved, String summary, Actor actor) {
        Order o = get(orderId);
        Instant now = now();
        if (resolved) {
            Order closed = change(o, OrderAction.CLOSE, actor, summary, Map.of("closed_at", ts(now)));
            events.publishEvent(new OrderClosed(o.id(), o.unitId(), now, false));
            return closed;
        }
        Instant deadline = rules().replyBy(now, o.limitClass());
        Map<String, Object> set = new HashMap<>();
        set.put("redo_count", o.redoCount() + 1);
        set.put("reply_deadline", ts(deadline));
        set.put("replied_at", null);
        Order redone = change(o, OrderAction.REDO, actor, summary + " (new deadline " + local(deadline) + ")", set);
        events.publishEvent(new OrderDeadlineMoved(o.id(), now, deadline));
        return redone;
    }

    // ------------------------------------------------------------------------------------------------------ reads

    public Order get(long orderId) {
        return find(orderId).orElseThrow(() -> JiesuException.notFound("There is no order " + orderId + "."));
    }

    /**
     * One order, for someone who may see it: staff of its unit or a unit above it, and the hotline, supervisors and
     * administrators of the territory it lies in.
     */
    public Order get(long orderId, Actor actor) {
        Order o = get(orderId);
        requireReader(actor, o);
        return o;
    }

    void requireReader(Actor actor, Order o) {
        if (!actors.mayActFor(actor, o.unitId())) {
            throw JiesuException.forbidden(
                    "Order " + o.id() + " is not one of the orders of your unit or the units below it.");
        }
    }

    /** The orders of a request that this actor may see; refused when they may see none of them. */
    public List<Order> forRequest(long requestId, Actor actor) {
        ResidentRequest r = intake.get(requestId);
        List<Order> all = forRequest(requestId);
        List<Order> visible =
                all.stream().filter(o -> actors.mayActFor(actor, o.unitId())).toList();
        if (visible.isEmpty() && !intake.mayRead(actor, r)) {
            throw JiesuException.forbidden(
                    "Request " + requestId + " has no order of your unit or the units below it.");
        }
        return visible;
    }

    public Optional<Order> find(long orderId) {
        return jdbc.sql(SELECT + " where o.id = ?")
                .param(orderId)
                .query(this::map)
                .optional();
    }

    /** Orders of the unit and the units below it that are still open: urged first, then by deadline. */
    public List<Order> inbox(Actor actor) {
        Long root = actors.scopeRoot(actor);
        if (root == null) {
            return List.of();
        }
        Set<Long> scope = units.subtree(root);
        return jdbc.sql(SELECT + """
                         where o.state in ('DISPATCHED', 'SIGNED', 'RETURN_REQUESTED', 'REPLIED')
                           and o.unit_id = any(?)
                         order by o.urged_at is null, o.reply_deadline, o.id""")
                .param(scope.toArray(Long[]::new))
                .query(this::map)
                .list();
    }

    /** How many lead orders stand in each state; supporting orders are part of their lead's work. */
    public Map<OrderState, Long> countLeadByState() {
        Map<OrderState, Long> counts = new EnumMap<>(OrderState.class);
        jdbc.sql("select state, count(*) from work_order where role = 'LEAD' group by state")
                .query(rs -> {
                    counts.put(OrderState.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** Returns waiting for a ruling within the supervisor's scope. */
    public List<Order> pendingReturns(Actor actor) {
        return inbox(actor).stream()
                .filter(o -> o.state() == OrderState.RETURN_REQUESTED)
                .toList();
    }

    /** Lead orders replied and waiting for the hotline to call back, oldest reply first. */
    public List<Order> awaitingCallback() {
        return jdbc.sql(SELECT + " where o.state = 'REPLIED' and o.role = 'LEAD' order by o.replied_at, o.id")
                .query(this::map)
                .list();
    }

    public List<Order> forRequest(long requestId) {
        // Two indexed look-ups joined by union: "request_id = ? or id in (...)" is planned as a scan of every order.
        return jdbc.sql(SELECT + """
                         where o.id in (select id from work_order where request_id = ?
                                        union
                                        select order_id from order_request where request_id = ?)
                         order by o.id""")
                .params(requestId, requestId)
                .query(this::map)
                .list();
    }

    /**
     * The orders of each of these requests, its own and those its request was merged into, by request id: one read for
     * a page of requests instead of one per request.
     */
    public Map<Long, List<Order>> forRequests(Collection<Long> requestIds) {
        Map<Long, List<Order>> byRequest = new HashMap<>();
        if (requestIds.isEmpty()) {
            return byRequest;
        }
        jdbc.sql(FOR_REQUESTS).param("ids", requestIds.toArray(Long[]::new)).query(rs -> {
            byRequest
                    .computeIfAbsent(rs.getLong("for_request"), k -> new ArrayList<>())
                    .add(map(rs, 0));
        });
        return byRequest;
    }

    /**
     * When each of these orders last changed (its newest history entry), by order id. History is partitioned by
     * month and starts when an order is dispatched, so only the months from the oldest order's dispatch on are read.
     */
    public Map<Long, Instant> lastChanges(Collection<Order> orders) {
        Map<Long, Instant> changed = new HashMap<>();
        if (orders.isEmpty()) {
            return changed;
        }
        Instant oldest = orders.stream()
                .map(Order::dispatchedAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        jdbc.sql("""
                        select order_id, max(at) from order_history where order_id = any(:ids) and at >= :since
                        group by order_id""")
                .param("ids", orders.stream().map(Order::id).distinct().toArray(Long[]::new))
                .param("since", Timestamp.from(oldest.minus(Duration.ofDays(1))))
                .query(rs -> {
                    changed.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                });
        return changed;
    }

    /** The requests an order answers: its own and those merged into it. */
    public List<Long> requestsOf(long orderId) {
        return jdbc.sql("select request_id from order_request where order_id = ? order by request_id")
                .param(orderId)
                .query(Long.class)
                .list();
    }

    public List<HistoryEntry> history(long orderId) {
        return jdbc.sql("""
                        select h.id, h.order_id, h.at, h.actor, h.action, h.from_state, h.to_state, h.unit_id,
                               u.name as unit_name, h.reason
                        from order_history h join unit u on u.id = h.unit_id
                        where h.order_id = ? order by h.id""").param(orderId).query(Orders::mapHistory).list();
    }

    /** Everything that happened to a request, across all its orders, oldest first. */
    public List<HistoryEntry> historyOfRequest(long requestId) {
        List<HistoryEntry> all = new ArrayList<>();
        for (Order o : forRequest(requestId)) {
            all.addAll(history(o.id()));
        }
        all.sort(Comparator.comparing(HistoryEntry::at).thenComparing(HistoryEntry::id));
        return all;
    }

    /** A resident's view of their request by tracking code. */
    public RequestTracking track(String trackingCode) {
        ResidentRequest r = intake.findByTrackingCode(trackingCode)
                .orElseThrow(() -> JiesuException.notFound("No request has the tracking code '"
                        + FormValues.shown(trackingCode) + "'. Check the code on your receipt."));
        List<RequestTracking.Step> steps = new ArrayList<>();
        intake.log(r.id())
                .forEach(l -> steps.add(new RequestTracking.Step(
                        l.at(), l.action(), null, l.action().equals("ANSWERED") ? l.detail() : null)));
        List<Order> orders = forRequest(r.id());
        for (HistoryEntry h : historyOfRequest(r.id())) {
            if (h.action() == OrderAction.CALLBACK || h.action() == OrderAction.URGE) {
                continue;
            }
            String detail =
                    h.action() == OrderAction.REPLY || h.action() == OrderAction.FINAL_REPLY ? h.reason() : null;
            steps.add(new RequestTracking.Step(h.at(), h.action().name(), h.unitName(), detail));
        }
        steps.sort(Comparator.comparing(RequestTracking.Step::at));
        String category = r.categoryCode() == null
                ? null
                : units.findCategory(r.categoryCode()).map(Category::name).orElse(null);
        return new RequestTracking(
                r.trackingCode(),
                r.receivedAt(),
                publicStatus(r, orders),
                category,
                // A confidential request's words stay off every public view, the tracking page included.
                r.confidential() ? null : r.text(),
                r.answer(),
                steps,
                replyDeadline(orders));
    }

    /** The lead order's reply deadline while it is open; the resident sees when to expect an answer. */
    private static @Nullable Instant replyDeadline(List<Order> orders) {
        return orders.stream()
                .filter(o -> o.role() == OrderRole.LEAD && !o.state().terminal())
                .map(Order::replyDeadline)
                .findFirst()
                .orElse(null);
    }

    private static String publicStatus(ResidentRequest r, List<Order> orders) {
        return switch (r.status()) {
            case RECEIVED -> "RECEIVED";
            case ANSWERED -> "ANSWERED";
            case DISPATCHED ->
                orders.stream()
                        .filter(o -> o.role() == OrderRole.LEAD && !o.state().terminal())
                        .map(o -> o.state() == OrderState.RETURN_REQUESTED
                                ? "SIGNED"
                                : o.state().name())
                        .findFirst()
                        .orElseGet(() -> orders.stream().anyMatch(o -> o.state() == OrderState.CLOSED)
                                ? "CLOSED"
                                : "DISPATCHED");
        };
    }

    // ------------------------------------------------------------------------------------------------------ timers

    /**
     * A durable timer came due. Applies its effect only if the order still stands where the timer was set (same state
     * class, same deadline): an order signed, replied or extended meanwhile makes the timer moot. Called once per
     * timer by {@link OrderTimers}, inside its transaction.
     */
    void timerFired(OrderTimers.Kind kind, long orderId, Instant deadline) {
        Order o = find(orderId).orElse(null);
        if (o == null) {
            return;
        }
        switch (kind) {
            case SIGN_DEADLINE -> {
                if (o.state() == OrderState.DISPATCHED && sameInstant(o.signDeadline(), deadline)) {
                    note(o, OrderAction.SIGN_OVERDUE, "Not signed for by " + local(deadline) + ".", MARK_SIGN_OVERDUE);
                    notifier.send(Notice.toUnit(o.unitId(), o.id(), "工单 #" + o.id() + " 已超过签收时限，请立即签收。"));
                }
            }
            case REPLY_WARNING -> {
                if (open(o) && sameInstant(o.replyDeadline(), deadline)) {
                    note(o, OrderAction.WARN, "Reply due by " + local(deadline) + ".", MARK_WARNED);
                    notifier.send(Notice.toUnit(
                            o.unitId(), o.id(), "工单 #" + o.id() + " 将于 " + local(deadline) + " 到期，请抓紧办理。"));
                }
            }
            case REPLY_DEADLINE -> {
                if (open(o) && sameInstant(o.replyDeadline(), deadline)) {
                    note(o, OrderAction.OVERDUE, "Not replied by " + local(deadline) + ".", MARK_OVERDUE);
                    notifier.send(Notice.toUnit(o.unitId(), o.id(), "工单 #" + o.id() + " 已超过答复时限。"));
                    if (autoEscalate && escalatesOnOverdue(o)) {
                        escalate(
                                o.id(),
                                "The time limit at this level was missed; escalated automatically.",
                                Actor.SYSTEM);
                    }
                }
            }
            case CALLBACK_DUE -> {
                if (o.state() == OrderState.REPLIED && o.repliedAt() != null) {
                    note(o, OrderAction.CALLBACK_DUE, "Call the requesters back now.", null);
                }
            }
        }
    }

    private static boolean open(Order o) {
        return o.state() == OrderState.DISPATCHED
                || o.state() == OrderState.SIGNED
                || o.state() == OrderState.RETURN_REQUESTED;
    }

    /** Deadlines are compared to the millisecond: the database keeps microseconds, the timer's id milliseconds. */
    private static boolean sameInstant(Instant a, Instant b) {
        return a.toEpochMilli() == b.toEpochMilli();
    }

    /** Small matters escalate when their level misses its limit: grids, communities and streets, not departments. */
    private boolean escalatesOnOverdue(Order o) {
        Unit unit = units.unit(o.unitId());
        return (o.state() == OrderState.DISPATCHED || o.state() == OrderState.SIGNED)
                && unit.kind().territorial()
                && unit.kind().level().ordinal() > UnitKind.Level.COUNTY.ordinal();
    }

    private static final String MARK_WARNED = "update work_order set warned_at = ? where id = ?";
    private static final String MARK_SIGN_OVERDUE = "update work_order set sign_overdue_at = ? where id = ?";
    private static final String MARK_OVERDUE = "update work_order set overdue_at = ? where id = ?";

    /** Records a fact about time in the history without touching the version: a timer never races a person. */
    private void note(Order o, OrderAction action, String reason, @Nullable String markStatement) {
        OrderStateMachine.next(o.state(), action, null);
        Instant now = now();
        if (markStatement != null) {
            jdbc.sql(markStatement).params(ts(now), o.id()).update();
        }
        appendHistory(o.id(), now, Actor.SYSTEM, action, o.state(), o.state(), o.unitId(), reason);
    }

    // --------------------------------------------------------------------------------------------------- plumbing

    private Order create(
            long requestId,
            long unitId,
            OrderRole role,
            LimitClass limitClass,
            String note,
            boolean fallback,
            Actor actor) {
        Instant now = now();
        TimeRules rules = rules();
        Instant signBy = rules.signBy(now);
        Instant replyBy = rules.replyBy(now, limitClass);
        long id = jdbc.sql("""
                        insert into work_order (request_id, unit_id, role, state, limit_class, route_note, fallback,
                                                dispatched_at, sign_deadline, reply_deadline)
                        values (?, ?, ?, 'DISPATCHED', ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        requestId,
                        unitId,
                        role.name(),
                        limitClass.name(),
                        note,
                        fallback,
                        ts(now),
                        ts(signBy),
                        ts(replyBy))
                .query(Long.class)
                .single();
        jdbc.sql("insert into order_request (order_id, request_id) values (?, ?)")
                .params(id, requestId)
                .update();
        appendHistory(id, now, actor, OrderAction.DISPATCH, null, OrderState.DISPATCHED, unitId, note);
        events.publishEvent(new OrderDispatched(id, requestId, unitId, role, now, signBy, replyBy));
        return get(id);
    }

    private static final Set<String> CHANGEABLE = Set.of(
            "closed_at",
            "extensions",
            "merged_into",
            "replied_at",
            "reply",
            "reply_deadline",
            "signed_at",
            "urge_note",
            "urged_at",
            "return_reason",
            "state_before_return",
            "redo_count",
            "final_reply",
            "final_signed_off_by",
            "unit_id");

    /** Applies one action: state machine, compare-and-set on the version, history line. */
    private Order change(Order o, OrderAction action, Actor actor, String reason, Map<String, Object> columns) {
        OrderState before = o.state() == OrderState.RETURN_REQUESTED ? stateBeforeReturn(o.id()) : null;
        OrderState to = OrderStateMachine.next(o.state(), action, before);
        StringBuilder sql = new StringBuilder("update work_order set state = :state, version = version + 1");
        Map<String, Object> params = new HashMap<>(columns);
        for (String c : columns.keySet()) {
            // Column names come from this class, never from input; the check keeps it so.
            if (!CHANGEABLE.contains(c)) {
                throw new IllegalArgumentException("Not a column an action changes: " + c);
            }
            sql.append(", ").append(c).append(" = :").append(c);
        }
        sql.append(" where id = :id and version = :version");
        params.put("state", to.name());
        params.put("id", o.id());
        params.put("version", o.version());
        int updated = jdbc.sql(sql.toString()).params(params).update();
        if (updated == 0) {
            throw JiesuException.conflict("Order " + o.id() + " was changed by someone else a moment ago. "
                    + "Reload it to see what happened, then decide again.");
        }
        appendHistory(o.id(), now(), actor, action, o.state(), to, o.unitId(), reason);
        return get(o.id());
    }

    private @Nullable OrderState stateBeforeReturn(long orderId) {
        String s = jdbc.sql("select state_before_return from work_order where id = ?")
                .param(orderId)
                .query(String.class)
                .single();
        return s == null ? null : OrderState.valueOf(s);
    }

    private void appendHistory(
            long orderId,
            Instant at,
            Actor actor,
            OrderAction action,
            @Nullable OrderState from,
            OrderState to,
            long unitId,
            String reason) {
        jdbc.sql("""
                        insert into order_history (order_id, at, actor, action, from_state, to_state, unit_id, reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        orderId,
                        ts(at),
                        actor.username(),
                        action.name(),
                        from == null ? null : from.name(),
                        to.name(),
                        unitId,
                        reason == null ? "" : reason)
                .update();
        events.publishEvent(new OrderChanged(orderId, unitId, at));
    }

    /** Ends this order with {@code action} and gives the same work, with every request it answers, to another unit. */
    private Order handOver(
            Order o, OrderAction action, Actor actor, String why, Unit to, String note, boolean fallback) {
        Order ended = change(o, action, actor, why + " → " + to.name(), Map.of());
        Order next = create(o.requestId(), to.id(), o.role(), o.limitClass(), note, fallback, actor);
        copyRequests(o.id(), next.id());
        return ended;
    }

    private void copyRequests(long fromOrderId, long toOrderId) {
        jdbc.sql("""
                        insert into order_request (order_id, request_id)
                        select ?, request_id from order_request where order_id = ? on conflict do nothing""").params(toOrderId, fromOrderId).update();
    }

    private Set<Long> previousUnits(long requestId) {
        return new HashSet<>(jdbc.sql("select unit_id from work_order where request_id = ?")
                .param(requestId)
                .query(Long.class)
                .list());
    }

    private void requireHandler(Actor actor, Order o) {
        actors.requireRole(actor, Role.HANDLER, Role.UNIT_HEAD, Role.GRID_WORKER, Role.ADMIN);
        actors.requireScope(actor, o.unitId());
    }

    private static LimitClass limitClass(ResidentRequest r, @Nullable Category category) {
        if (r.urgency() == Urgency.EMERGENCY) {
            return LimitClass.EMERGENCY;
        }
        return category == null ? LimitClass.ORDINARY : category.limitClass();
    }

    /** The time limits and working calendar in force, cached by {@link TimeLimits} until an administrator changes them. */
    TimeRules rules() {
        return timeLimits.current();
    }

    private static String required(@Nullable String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw JiesuException.invalid(field + ": " + what + ".");
        }
        if (value.length() > MAX_REASON) {
            throw JiesuException.invalid(field + ": at most " + MAX_REASON + " characters.");
        }
        return value.strip();
    }

    private Instant now() {
        return Instant.now(clock);
    }

    private String local(Instant t) {
        return t.atZone(zone)
                .toLocalDateTime()
                .withSecond(0)
                .withNano(0)
                .toString()
                .replace('T', ' ');
    }

    private static Timestamp ts(Instant t) {
        return Timestamp.from(t);
    }

    private static final String SELECT =
            "select o.*, u.name as unit_name from work_order o join unit u on u.id = o.unit_id ";

    /** Orders by the request they answer: their own request, or one merged into them. */
    private static final String FOR_REQUESTS = """
            select o.*, u.name as unit_name, x.request_id as for_request
              from (select id as order_id, request_id from work_order where request_id = any(:ids)
                    union
                    select order_id, request_id from order_request where request_id = any(:ids)) x
              join work_order o on o.id = x.order_id
              join unit u on u.id = o.unit_id
             order by x.request_id, o.id""";

    private Order map(ResultSet rs, int row) throws SQLException {
        return new Order(
                rs.getLong("id"),
                rs.getLong("request_id"),
                rs.getLong("unit_id"),
                rs.getString("unit_name"),
                OrderRole.valueOf(rs.getString("role")),
                OrderState.valueOf(rs.getString("state")),
                LimitClass.valueOf(rs.getString("limit_class")),
                rs.getString("route_note"),
                rs.getBoolean("fallback"),
                instant(rs, "dispatched_at"),
                instant(rs, "sign_deadline"),
                instant(rs, "reply_deadline"),
                instant(rs, "signed_at"),
                instant(rs, "replied_at"),
                instant(rs, "closed_at"),
                rs.getString("reply"),
                rs.getBoolean("final_reply"),
                rs.getString("final_signed_off_by"),
                rs.getString("return_reason"),
                rs.getInt("extensions"),
                rs.getInt("redo_count"),
                instant(rs, "urged_at"),
                rs.getString("urge_note"),
                rs.getObject("merged_into", Long.class),
                rs.getInt("version"),
                instant(rs, "warned_at"),
                instant(rs, "sign_overdue_at"),
                instant(rs, "overdue_at"));
    }

    private static HistoryEntry mapHistory(ResultSet rs, int row) throws SQLException {
        String from = rs.getString("from_state");
        return new HistoryEntry(
                rs.getLong("id"),
                rs.getLong("order_id"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                OrderAction.valueOf(rs.getString("action")),
                from == null ? null : OrderState.valueOf(from),
                OrderState.valueOf(rs.getString("to_state")),
                rs.getLong("unit_id"),
                rs.getString("unit_name"),
                rs.getString("reason"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
