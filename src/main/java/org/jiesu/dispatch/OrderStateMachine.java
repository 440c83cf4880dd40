package org.jiesu.dispatch;

import static org.jiesu.dispatch.OrderState.*;

import org.jiesu.platform.JiesuException;
import org.jspecify.annotations.Nullable;

/** Which action may follow which state, and where it leads. Knows nothing of who acts or when. */
final class OrderStateMachine {

    private OrderStateMachine() {}

    /**
     * The state after {@code action}, or a refusal that says why.
     *
     * @param beforeReturn the state an order was in when its return was requested, for a rejected return
     */
    static OrderState next(OrderState from, OrderAction action, @Nullable OrderState beforeReturn) {
        OrderState to = switch (action) {
            case SIGN -> from == DISPATCHED ? SIGNED : null;
            case REQUEST_RETURN -> from == DISPATCHED || from == SIGNED ? RETURN_REQUESTED : null;
            case APPROVE_RETURN -> from == RETURN_REQUESTED ? RETURNED : null;
            // Back to where it stood: only DISPATCHED or SIGNED can be asked to return, whatever the caller says.
            case REJECT_RETURN -> from == RETURN_REQUESTED ? (beforeReturn == SIGNED ? SIGNED : DISPATCHED) : null;
            case EXTEND -> from == SIGNED ? SIGNED : null;
            case ESCALATE -> from == DISPATCHED || from == SIGNED ? ESCALATED : null;
            case MERGE -> from == DISPATCHED || from == SIGNED ? MERGED : null;
            case MERGE_IN -> from == DISPATCHED || from == SIGNED ? from : null;
            case URGE -> from == DISPATCHED || from == SIGNED || from == RETURN_REQUESTED ? from : null;
            case REPLY -> from == SIGNED ? REPLIED : null;
            case FINAL_REPLY -> from == SIGNED || from == REPLIED ? CLOSED : null;
            case CALLBACK -> from == REPLIED ? REPLIED : null;
            case REDO -> from == REPLIED ? SIGNED : null;
            case CLOSE -> from == REPLIED ? CLOSED : null;
            case DISPATCH -> null;
            // Timers note facts about time; they never move an order.
            case WARN, OVERDUE -> from == DISPATCHED || from == SIGNED || from == RETURN_REQUESTED ? from : null;
            case SIGN_OVERDUE -> from == DISPATCHED ? from : null;
            case CALLBACK_DUE -> from == REPLIED ? from : null;
        };
        if (to == null) {
            throw JiesuException.illegalTransition(why(from, action));
        }
        return to;
    }

    private static String why(OrderState from, OrderAction action) {
        if (from.terminal()) {
            return "This order is " + from + ": nothing more can be done to it.";
        }
        return switch (action) {
            case SIGN -> "Only a freshly dispatched order can be signed for; this one is " + from + ".";
            case REPLY ->
                from == DISPATCHED
                        ? "Sign for the order before replying to it."
                        : "Only a signed order can be replied to; this one is " + from + ".";
            case EXTEND -> "Only a signed order that is being handled can be extended; this one is " + from + ".";
            case APPROVE_RETURN, REJECT_RETURN -> "Nobody has asked to return this order.";
            case REQUEST_RETURN, ESCALATE, MERGE, MERGE_IN ->
                "This order is " + from + "; " + action.name().toLowerCase().replace('_', ' ')
                        + " is possible only before it is replied to.";
            case CALLBACK, REDO, CLOSE -> "Callbacks follow a reply; this order is " + from + ".";
            default -> "Not possible while the order is " + from + ".";
        };
    }
}
