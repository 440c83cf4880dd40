package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jiesu.dispatch.OrderAction.*;
import static org.jiesu.dispatch.OrderState.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jiesu.Property;
import org.jiesu.platform.JiesuException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Random sequences of actions, tried one after the other on an order as {@link Orders} does: the state before a
 * return is kept while the return is pending and handed to the machine; otherwise the caller hands it whatever stale
 * value it has, which must not matter.
 */
class OrderStateMachinePropertiesTest {

    /** Actions that note a fact or add time and leave the order where it is. */
    private static final Set<OrderAction> STANDING_STILL =
            EnumSet.of(WARN, OVERDUE, SIGN_OVERDUE, CALLBACK_DUE, URGE, MERGE_IN, EXTEND, CALLBACK);

    /** The only actions that may move an order into each state (staying in a state is not entering it). */
    private static final Map<OrderState, Set<OrderAction>> ENTERED_BY = Map.of(
            DISPATCHED, EnumSet.of(REJECT_RETURN),
            SIGNED, EnumSet.of(SIGN, REJECT_RETURN, REDO),
            RETURN_REQUESTED, EnumSet.of(REQUEST_RETURN),
            REPLIED, EnumSet.of(REPLY),
            CLOSED, EnumSet.of(CLOSE, FINAL_REPLY),
            RETURNED, EnumSet.of(APPROVE_RETURN),
            ESCALATED, EnumSet.of(ESCALATE),
            MERGED, EnumSet.of(MERGE));

    /** Something tried on an order, with the stale before-return state a careless caller might hand over. */
    record Attempt(OrderAction action, @Nullable OrderState stale) {
        @Override
        public String toString() {
            return stale == null ? action.name() : action + "(stale " + stale + ")";
        }
    }

    /** What came of one attempt: the state it led to, or the refusal. */
    record Step(
            OrderState from,
            Attempt attempt,
            @Nullable OrderState passedBeforeReturn,
            @Nullable OrderState to,
            @Nullable JiesuException refusal) {

        boolean accepted() {
            return to != null;
        }

        OrderAction action() {
            return attempt.action();
        }
    }

    record Run(List<Step> steps, OrderState end) {

        List<Step> accepted() {
            return steps.stream().filter(Step::accepted).toList();
        }

        /** What the order's history would hold: its dispatch, then every accepted action. */
        List<OrderAction> history() {
            List<OrderAction> history = new ArrayList<>();
            history.add(DISPATCH);
            accepted().forEach(s -> history.add(s.action()));
            return history;
        }
    }

    static Run run(List<Attempt> attempts) {
        List<Step> steps = new ArrayList<>();
        OrderState state = DISPATCHED;
        @Nullable OrderState beforeReturn = null;
        for (Attempt attempt : attempts) {
            OrderState passed = state == RETURN_REQUESTED ? beforeReturn : attempt.stale();
            try {
                OrderState to = OrderStateMachine.next(state, attempt.action(), passed);
                steps.add(new Step(state, attempt, passed, to, null));
                if (attempt.action() == REQUEST_RETURN) {
                    beforeReturn = state;
                }
                state = to;
            } catch (JiesuException refused) {
                steps.add(new Step(state, attempt, passed, null, refused));
            }
        }
        return new Run(steps, state);
    }

    private static final Property.Generator<Attempt> ATTEMPTS = random -> new Attempt(
            Property.oneOf(OrderAction.values()).next(random),
            Property.orNull(Property.oneOf(OrderState.values())).next(random));

    private static Property<List<Attempt>> anySequenceOfAttempts() {
        return Property.forAll(Property.listOf(ATTEMPTS, 0, 30)).shrinkingWith(Property::shorterLists);
    }

    @Test
    void aFinalStateAcceptsNoFurtherAction() {
        anySequenceOfAttempts().check(attempts -> {
            for (Step step : run(attempts).steps()) {
                if (step.from().terminal()) {
                    assertThat(step.accepted())
                            .as("%s accepted on a %s order", step.action(), step.from())
                            .isFalse();
                    assertThat(step.refusal()).hasMessageContaining("nothing more can be done");
                }
            }
        });
    }

    @Test
    void timerAndNoteActionsNeverMoveAnOrder() {
        anySequenceOfAttempts().check(attempts -> {
            for (Step step : run(attempts).accepted()) {
                if (STANDING_STILL.contains(step.action())) {
                    assertThat(step.to())
                            .as("%s from %s", step.action(), step.from())
                            .isEqualTo(step.from());
                }
            }
        });
    }

    @Test
    void anOrderEntersAStateOnlyThroughTheActionsThatLeadThere() {
        anySequenceOfAttempts().check(attempts -> {
            for (Step step : run(attempts).accepted()) {
                assertThat(step.action()).as("dispatching an existing order").isNotEqualTo(DISPATCH);
                if (step.to() != step.from()) {
                    assertThat(ENTERED_BY.get(step.to()))
                            .as("%s moved a %s order to %s", step.action(), step.from(), step.to())
                            .contains(step.action());
                }
            }
        });
    }

    @Test
    void anOrderIsRepliedOnlyOnceSignedClosedOnlyOnceRepliedAndARulingAnswersOneReturn() {
        anySequenceOfAttempts().check(attempts -> {
            List<OrderAction> done = new ArrayList<>();
            for (Step step : run(attempts).accepted()) {
                switch (step.action()) {
                    case REPLY, FINAL_REPLY ->
                        assertThat(done).as("before %s", step.action()).contains(SIGN);
                    case CLOSE ->
                        assertThat(last(done, REPLY, REDO)).as("before CLOSE").isEqualTo(REPLY);
                    case APPROVE_RETURN, REJECT_RETURN ->
                        assertThat(last(done, REQUEST_RETURN, APPROVE_RETURN, REJECT_RETURN))
                                .as("before %s", step.action())
                                .isEqualTo(REQUEST_RETURN);
                    default -> {}
                }
                done.add(step.action());
            }
        });
    }

    @Test
    void aRejectedReturnGoesBackToWhereTheOrderStoodWhenTheReturnWasAsked() {
        anySequenceOfAttempts().check(attempts -> {
            @Nullable OrderState whenAsked = null;
            for (Step step : run(attempts).accepted()) {
                if (step.action() == REQUEST_RETURN) {
                    whenAsked = step.from();
                    assertThat(whenAsked).isIn(DISPATCHED, SIGNED);
                }
                if (step.action() == REJECT_RETURN) {
                    assertThat(step.to()).isEqualTo(whenAsked);
                }
            }
        });
    }

    @Test
    void aRefusedActionSaysWhyAndIsRefusedAgainTheSameWay() {
        anySequenceOfAttempts().check(attempts -> {
            for (Step step : run(attempts).steps()) {
                if (step.accepted()) {
                    continue;
                }
                JiesuException refusal = Objects.requireNonNull(step.refusal());
                assertThat(refusal.status()).isEqualTo(HttpStatus.CONFLICT);
                assertThat(refusal.getMessage()).isNotBlank().endsWith(".");
                // Nothing but the caller's state decides: asked again, the machine refuses again in the same words.
                assertThatThrownBy(() -> OrderStateMachine.next(step.from(), step.action(), step.passedBeforeReturn()))
                        .isInstanceOf(JiesuException.class)
                        .hasMessage(refusal.getMessage());
            }
        });
    }

    /** Refused actions leave nothing behind, and the history holds all a replay needs, rejected returns included. */
    @Test
    void replayingTheAcceptedActionsFromDispatchedGivesBackTheCurrentState() {
        anySequenceOfAttempts().check(attempts -> {
            Run run = run(attempts);
            List<OrderState> replayed = HistoryReplay.statesAfterEach(run.history());
            assertThat(replayed.get(replayed.size() - 1)).isEqualTo(run.end());
            assertThat(replayed.subList(1, replayed.size()))
                    .containsExactlyElementsOf(
                            run.accepted().stream().map(Step::to).toList());
        });
    }

    @Test
    void theStateBeforeAReturnMattersOnlyToARejectedReturn() {
        record Handed(
                OrderState from,
                OrderAction action,
                @Nullable OrderState one,
                @Nullable OrderState other) {}
        Property.Generator<OrderState> states = Property.oneOf(OrderState.values());
        Property.forAll(random -> new Handed(
                        states.next(random),
                        Property.oneOf(OrderAction.values()).next(random),
                        Property.orNull(states).next(random),
                        Property.orNull(states).next(random)))
                .check(h -> {
                    if (h.from() == RETURN_REQUESTED && h.action() == REJECT_RETURN) {
                        return;
                    }
                    assertThat(outcome(h.from(), h.action(), h.one()))
                            .isEqualTo(outcome(h.from(), h.action(), h.other()));
                });
    }

    /** Guards the generator: properties that never see a state or an action prove nothing about them. */
    @Test
    void theGeneratedSequencesReachEveryStateAndGetEveryActionAccepted() {
        Set<OrderState> reached = EnumSet.of(DISPATCHED);
        Set<OrderAction> accepted = EnumSet.of(DISPATCH);
        anySequenceOfAttempts()
                .check(attempts -> run(attempts).accepted().forEach(step -> {
                    reached.add(step.to());
                    accepted.add(step.action());
                }));
        assertThat(reached).containsExactlyInAnyOrder(OrderState.values());
        assertThat(accepted).containsExactlyInAnyOrder(OrderAction.values());
    }

    private static String outcome(OrderState from, OrderAction action, @Nullable OrderState beforeReturn) {
        try {
            return OrderStateMachine.next(from, action, beforeReturn).name();
        } catch (JiesuException refused) {
            return "refused: " + refused.getMessage();
        }
    }

    private static @Nullable OrderAction last(List<OrderAction> done, OrderAction... among) {
        Set<OrderAction> wanted = EnumSet.of(among[0], among);
        for (int i = done.size() - 1; i >= 0; i--) {
            if (wanted.contains(done.get(i))) {
                return done.get(i);
            }
        }
        return null;
    }
}
