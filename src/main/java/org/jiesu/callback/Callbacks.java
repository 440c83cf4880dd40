package org.jiesu.callback;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jiesu.dispatch.Order;
import org.jiesu.dispatch.OrderRole;
import org.jiesu.dispatch.OrderState;
import org.jiesu.dispatch.Orders;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records callbacks and closes or redoes an order once every requester has been called back. */
@Service
public class Callbacks {

    private final JdbcClient jdbc;
    private final Orders orders;
    private final Actors actors;
    private final Clock clock;
    private final int maxUnreachable;

    Callbacks(
            JdbcClient jdbc,
            Orders orders,
            Actors actors,
            Clock clock,
            @Value("${jiesu.callback.unreachable-tries:3}") int maxUnreachable) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.actors = actors;
        this.clock = clock;
        this.maxUnreachable = maxUnreachable;
    }

    /** Records one attempt; returns the order as it stands afterwards (closed, redone, or still waiting). */
    @Transactional
    public Order record(long orderId, CallbackForm form, Actor actor) {
        actors.requireRole(actor, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
        Order order = orders.get(orderId, actor);
        if (order.role() != OrderRole.LEAD || order.state() != OrderState.REPLIED) {
            throw JiesuException.illegalTransition(
                    "Order " + orderId + " is " + order.state() + ": callbacks follow the lead unit's reply.");
        }
        if (form.outcome() == null) {
            throw JiesuException.invalid("outcome: say whether it was resolved, or that the resident was unreachable.");
        }
        List<Long> requests = orders.requestsOf(orderId);
        long requestId = form.requestId() != null ? form.requestId() : requests.size() == 1 ? requests.get(0) : -1;
        if (requestId < 0) {
            throw JiesuException.invalid(
                    "requestId: this order answers " + requests.size() + " requests; say which requester was called.");
        }
        if (!requests.contains(requestId)) {
            throw JiesuException.invalid(
                    "requestId: request " + requestId + " is not answered by order " + orderId + ".");
        }
        if (form.outcome() != Outcome.UNREACHABLE && form.satisfaction() == null) {
            throw JiesuException.invalid("satisfaction: ask the resident how satisfied they are.");
        }
        if (form.outcome() == Outcome.UNREACHABLE && form.satisfaction() != null) {
            throw JiesuException.invalid("satisfaction: an unreachable resident gave no rating.");
        }
        int round = order.redoCount();
        if (done(orderId, requestId, round)) {
            throw JiesuException.illegalTransition(
                    "Request " + requestId + " has been called back already in this round.");
        }
        String note = form.note() == null ? "" : form.note().strip();
        if (note.length() > CallbackForm.MAX_NOTE) {
            throw JiesuException.invalid("note: at most " + CallbackForm.MAX_NOTE + " characters.");
        }
        jdbc.sql("""
                        insert into callback (order_id, request_id, round, at, actor, outcome, satisfaction, note)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        orderId,
                        requestId,
                        round,
                        Timestamp.from(Instant.now(clock)),
                        actor.username(),
                        form.outcome().name(),
                        form.satisfaction() == null ? null : form.satisfaction().name(),
                        note)
                .update();
        Order noted = orders.noteCallback(orderId, summary(requestId, form, round), actor);
        if (!requests.stream().allMatch(r -> done(orderId, r, round))) {
            return noted;
        }
        boolean anyUnresolved =
                jdbc.sql("""
                        select exists (select 1 from callback where order_id = ? and round = ? and outcome = 'UNRESOLVED')""").params(orderId, round).query(Boolean.class).single();
        return orders.finishCallbackRound(
                orderId,
                !anyUnresolved,
                anyUnresolved ? "Callback found it unresolved: the order is redone." : "Every requester called back.",
                actor);
    }

    public List<CallbackRecord> forOrder(long orderId) {
        return jdbc.sql("select * from callback where order_id = ? order by id")
                .param(orderId)
                .query((rs, n) -> new CallbackRecord(
                        rs.getLong("id"),
                        rs.getLong("order_id"),
                        rs.getLong("request_id"),
                        rs.getInt("round"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("satisfaction") == null
                                ? null
                                : Satisfaction.valueOf(rs.getString("satisfaction")),
                        rs.getString("note")))
                .list();
    }

    /** A requester is done for the round when reached, or unreachable the configured number of times. */
    private boolean done(long orderId, long requestId, int round) {
        return jdbc.sql("""
                        select count(*) filter (where outcome <> 'UNREACHABLE') > 0
                            or count(*) filter (where outcome = 'UNREACHABLE') >= ?
                        from callback where order_id = ? and request_id = ? and round = ?""")
                .params(maxUnreachable, orderId, requestId, round)
                .query(Boolean.class)
                .single();
    }

    private String summary(long requestId, CallbackForm form, int round) {
        String s = "Request " + requestId + ": " + form.outcome().name().toLowerCase();
        if (form.outcome() == Outcome.UNREACHABLE) {
            int tries = jdbc.sql(
                            "select count(*) from callback where request_id = ? and round = ? and outcome = 'UNREACHABLE'")
                    .params(requestId, round)
                    .query(Integer.class)
                    .single();
            s += " (try " + tries + " of " + maxUnreachable + ")";
        }
        if (form.satisfaction() != null) {
            s += ", " + form.satisfaction().name().toLowerCase().replace('_', ' ');
        }
        return form.note() == null || form.note().isBlank()
                ? s
                : s + " — " + form.note().strip();
    }
}
