package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jiesu.JourneySupport;
import org.jiesu.Property;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives real orders through {@link Orders} with random actions, mostly ones the state machine allows now, and
 * checks that each order's stored history replays, action by action, to the state the order is stored in.
 */
class OrderHistoryReplayTest extends JourneySupport {

    /** What the facade can be asked to do to an order; DISPATCH and MERGE_IN only ever follow from others. */
    private static final List<OrderAction> DRIVEN =
            EnumSet.complementOf(EnumSet.of(OrderAction.DISPATCH, OrderAction.MERGE_IN)).stream()
                    .toList();

    /**
     * Actions that end an order (a missed reply deadline escalates a territorial one). Drawn less often, and never
     * in place of a refused action, so that orders live long enough to be replied, called back and redone.
     */
    private static final Set<OrderAction> ENDING = EnumSet.of(
            OrderAction.ESCALATE,
            OrderAction.MERGE,
            OrderAction.APPROVE_RETURN,
            OrderAction.FINAL_REPLY,
            OrderAction.OVERDUE);

    private static final OrderAction[] WEIGHTED = DRIVEN.stream()
            .flatMap(a -> Collections.nCopies(ENDING.contains(a) ? 1 : 3, a).stream())
            .toArray(OrderAction[]::new);

    @Autowired
    Orders orders;

    @Autowired
    TransactionTemplate tx;

    /**
     * One move: which order (an index into the orders of the try, wrapped), what to do, which order to merge into,
     * and whether to try the action even when the state machine would refuse it (else a legal one is taken).
     */
    record Move(int order, OrderAction action, int into, boolean insist) {
        @Override
        public String toString() {
            return action + "@" + order + (action == OrderAction.MERGE ? "→" + into : "") + (insist ? "!" : "");
        }
    }

    private final Set<OrderAction> seen = EnumSet.noneOf(OrderAction.class);

    @Test
    void theHistoryOfEveryDrivenOrderReplaysToTheStateTheOrderIsStoredIn() {
        Property.Generator<Move> moves = random -> new Move(
                random.nextInt(100),
                Property.oneOf(WEIGHTED).next(random),
                random.nextInt(100),
                random.nextInt(5) == 0);
        Property.forAll(Property.listOf(moves, 20, 30)).tries(4).check(this::drive);
        // A run that only ever dispatched would replay trivially.
        assertThat(seen).contains(OrderAction.SIGN).hasSizeGreaterThanOrEqualTo(5);
    }

    private void drive(List<Move> moves) {
        List<Long> requests = List.of(
                dispatchedAt("652301001001-01", "URBAN_FACILITY", "小区路灯不亮")
                        .body()
                        .get("requestId")
                        .asLong(),
                dispatchedAt("652301001001-01", "ENV_WASTE", "垃圾桶满了没人清")
                        .body()
                        .get("requestId")
                        .asLong(),
                // The housing department leads it and the market regulator supports: a SUPPORT order too.
                dispatchedAt("652301001001-01", "URBAN_HOUSING", "新房屋顶漏水")
                        .body()
                        .get("requestId")
                        .asLong());
        for (Move move : moves) {
            List<Order> all = ordersOf(requests);
            Order target = all.get(move.order() % all.size());
            Order into = all.get(move.into() % all.size());
            OrderAction action = move.insist() ? move.action() : legalOr(move, target.state());
            Map<Long, List<HistoryEntry>> before = histories(all);
            try {
                apply(action, target, into);
            } catch (JiesuException refused) {
                // A refusal, by the state machine or any other rule, changes no order and writes no history.
                assertThat(ordersOf(requests)).isEqualTo(all);
                assertThat(histories(all)).isEqualTo(before);
            }
        }
        for (Order order : ordersOf(requests)) {
            List<HistoryEntry> history = orders.history(order.id());
            List<OrderAction> actions =
                    history.stream().map(HistoryEntry::action).toList();
            seen.addAll(actions);
            List<OrderState> replayed = HistoryReplay.statesAfterEach(actions);
            assertThat(replayed.get(replayed.size() - 1))
                    .as("order %d with history %s", order.id(), actions)
                    .isEqualTo(order.state());
            // Each line's own record of where the order came from and went agrees with the replay.
            for (int i = 0; i < history.size(); i++) {
                assertThat(history.get(i).to()).isEqualTo(replayed.get(i));
                assertThat(history.get(i).from()).isEqualTo(i == 0 ? null : replayed.get(i - 1));
            }
        }
    }

    /** The move's action if the state machine allows it now, else one that it allows and that keeps the order. */
    private static OrderAction legalOr(Move move, OrderState state) {
        List<OrderAction> legal = new ArrayList<>();
        for (OrderAction action : DRIVEN) {
            try {
                // A rejected return's target does not matter here, only whether the machine accepts it.
                OrderStateMachine.next(state, action, OrderState.SIGNED);
                legal.add(action);
            } catch (JiesuException refused) {
                // not now
            }
        }
        if (legal.contains(move.action())) {
            return move.action();
        }
        List<OrderAction> keeping =
                legal.stream().filter(a -> !ENDING.contains(a)).toList();
        return keeping.isEmpty() ? move.action() : keeping.get(move.into() % keeping.size());
    }

    private void apply(OrderAction action, Order o, Order into) {
        Actor system = Actor.SYSTEM;
        switch (action) {
            case SIGN -> orders.sign(o.id(), system);
            case REQUEST_RETURN -> orders.requestReturn(o.id(), "不属本单位职责", system);
            case APPROVE_RETURN -> orders.ruleOnReturn(o.id(), true, "同意退回，重新派单", null, system);
            case REJECT_RETURN -> orders.ruleOnReturn(o.id(), false, "属本单位职责，驳回", null, system);
            case EXTEND -> orders.extend(o.id(), "需协调施工", system);
            case ESCALATE -> orders.escalate(o.id(), "需上级协调", system);
            case MERGE -> orders.merge(o.id(), into.id(), "同一事项", system);
            case URGE -> orders.urge(o.id(), "请尽快办理", system);
            case REPLY -> orders.reply(o.id(), "已处理完毕", system);
            case FINAL_REPLY -> orders.finalReply(o.id(), "诉求不合理，作最终答复", "单位负责人", system);
            case CALLBACK -> orders.noteCallback(o.id(), "回访一次", system);
            case CLOSE -> orders.finishCallbackRound(o.id(), true, "诉求人满意", system);
            case REDO -> orders.finishCallbackRound(o.id(), false, "诉求人不满意", system);
            // Timers fire inside a transaction of their own, as OrderTimers runs them.
            case WARN -> fire(OrderTimers.Kind.REPLY_WARNING, o.id(), o.replyDeadline());
            case OVERDUE -> fire(OrderTimers.Kind.REPLY_DEADLINE, o.id(), o.replyDeadline());
            case SIGN_OVERDUE -> fire(OrderTimers.Kind.SIGN_DEADLINE, o.id(), o.signDeadline());
            case CALLBACK_DUE -> fire(OrderTimers.Kind.CALLBACK_DUE, o.id(), o.replyDeadline());
            case DISPATCH, MERGE_IN -> throw new IllegalArgumentException(action + " is not driven directly");
        }
    }

    private void fire(OrderTimers.Kind kind, long orderId, Instant deadline) {
        tx.executeWithoutResult(status -> orders.timerFired(kind, orderId, deadline));
    }

    private List<Order> ordersOf(List<Long> requests) {
        Set<Order> all = new LinkedHashSet<>();
        requests.forEach(r -> all.addAll(orders.forRequest(r)));
        return List.copyOf(all);
    }

    private Map<Long, List<HistoryEntry>> histories(List<Order> all) {
        return all.stream().collect(Collectors.toMap(Order::id, o -> orders.history(o.id())));
    }
}
