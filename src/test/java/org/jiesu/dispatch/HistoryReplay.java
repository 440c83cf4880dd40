package org.jiesu.dispatch;

import static org.jiesu.dispatch.OrderState.DISPATCHED;
import static org.jiesu.dispatch.OrderState.RETURN_REQUESTED;

import java.util.ArrayList;
import java.util.List;
import org.jiesu.platform.JiesuException;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds an order's states from the actions of its history alone. The one thing a history line does not carry,
 * where a rejected return goes back to, is taken from the replay itself: the state the order was in when the return
 * was asked, as {@link Orders} keeps it in {@code state_before_return}.
 */
final class HistoryReplay {

    private HistoryReplay() {}

    /** The state after each action, the first being the DISPATCH that created the order. */
    static List<OrderState> statesAfterEach(List<OrderAction> actions) {
        if (actions.isEmpty() || actions.get(0) != OrderAction.DISPATCH) {
            throw new AssertionError("A history starts with DISPATCH, this one with " + actions);
        }
        List<OrderState> states = new ArrayList<>();
        OrderState state = DISPATCHED;
        @Nullable OrderState beforeReturn = null;
        states.add(state);
        for (int i = 1; i < actions.size(); i++) {
            OrderAction action = actions.get(i);
            OrderState next;
            try {
                next = OrderStateMachine.next(state, action, state == RETURN_REQUESTED ? beforeReturn : null);
            } catch (JiesuException refused) {
                throw new AssertionError("History does not replay: line %d, %s, is refused from %s (%s). History: %s"
                        .formatted(i + 1, action, state, refused.getMessage(), actions));
            }
            if (action == OrderAction.REQUEST_RETURN) {
                beforeReturn = state;
            }
            state = next;
            states.add(state);
        }
        return states;
    }

    static OrderState replay(List<OrderAction> actions) {
        List<OrderState> states = statesAfterEach(actions);
        return states.get(states.size() - 1);
    }
}
