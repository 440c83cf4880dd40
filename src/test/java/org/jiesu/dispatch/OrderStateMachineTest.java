package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jiesu.dispatch.OrderAction.*;
import static org.jiesu.dispatch.OrderState.*;

import org.jiesu.platform.JiesuException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStateMachineTest {

    @Test
    void theHappyPathRunsFromDispatchedToClosed() {
        OrderState s = DISPATCHED;
        s = OrderStateMachine.next(s, SIGN, null);
        assertThat(s).isEqualTo(SIGNED);
        s = OrderStateMachine.next(s, EXTEND, null);
        assertThat(s).isEqualTo(SIGNED);
        s = OrderStateMachine.next(s, REPLY, null);
        assertThat(s).isEqualTo(REPLIED);
        s = OrderStateMachine.next(s, CALLBACK, null);
        assertThat(s).isEqualTo(REPLIED);
        assertThat(OrderStateMachine.next(s, CLOSE, null)).isEqualTo(CLOSED);
    }

    @Test
    void aRedoSendsARepliedOrderBackToHandling() {
        assertThat(OrderStateMachine.next(REPLIED, REDO, null)).isEqualTo(SIGNED);
    }

    @Test
    void aRejectedReturnGoesBackToWhereTheOrderWas() {
        assertThat(OrderStateMachine.next(RETURN_REQUESTED, REJECT_RETURN, SIGNED))
                .isEqualTo(SIGNED);
        assertThat(OrderStateMachine.next(RETURN_REQUESTED, REJECT_RETURN, DISPATCHED))
                .isEqualTo(DISPATCHED);
        assertThat(OrderStateMachine.next(RETURN_REQUESTED, APPROVE_RETURN, SIGNED))
                .isEqualTo(RETURNED);
    }

    @Test
    void replyingBeforeSigningIsRefusedWithAReason() {
        assertThatThrownBy(() -> OrderStateMachine.next(DISPATCHED, REPLY, null))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining("Sign for the order before replying");
    }

    @Test
    void signingTwiceIsRefused() {
        assertThatThrownBy(() -> OrderStateMachine.next(SIGNED, SIGN, null))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining("SIGNED");
    }

    @Test
    void returnsAndEscalationsAreRefusedOnceReplied() {
        assertThatThrownBy(() -> OrderStateMachine.next(REPLIED, REQUEST_RETURN, null))
                .isInstanceOf(JiesuException.class);
        assertThatThrownBy(() -> OrderStateMachine.next(REPLIED, ESCALATE, null))
                .isInstanceOf(JiesuException.class);
        assertThatThrownBy(() -> OrderStateMachine.next(REPLIED, MERGE, null)).isInstanceOf(JiesuException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderState.class,
            names = {"CLOSED", "RETURNED", "ESCALATED", "MERGED"})
    void finalStatesAcceptNothing(OrderState terminal) {
        for (OrderAction action : OrderAction.values()) {
            assertThatThrownBy(() -> OrderStateMachine.next(terminal, action, null))
                    .isInstanceOf(JiesuException.class)
                    .hasMessageContaining("nothing more can be done");
        }
    }

    @Test
    void refusalsAreConflictsNotServerErrors() {
        assertThatThrownBy(() -> OrderStateMachine.next(CLOSED, SIGN, null))
                .isInstanceOfSatisfying(
                        JiesuException.class,
                        e -> assertThat(e.status().value()).isEqualTo(409));
    }
}
