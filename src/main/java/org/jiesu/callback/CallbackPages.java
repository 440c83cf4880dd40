package org.jiesu.callback;

import static org.jiesu.platform.FormValues.choice;

import java.util.List;
import org.jiesu.dispatch.Order;
import org.jiesu.dispatch.OrderState;
import org.jiesu.dispatch.Orders;
import org.jiesu.intake.Intake;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The hotline's callback desk: replied orders, who to call for each, and what they said. */
@Controller
class CallbackPages {

    private static final Role[] HOTLINE = {Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN};

    /** The form as posted; choices stay text so that a missing one becomes a message, not a binding failure. */
    record CallbackInput(
            @Nullable String requestId,
            @Nullable String outcome,
            @Nullable String satisfaction,
            @Nullable String note) {

        CallbackForm toForm() {
            Outcome o = choice(Outcome.class, outcome, "outcome");
            // The satisfaction buttons stay on the page when "unreachable" is picked; nobody was asked, so drop them.
            Satisfaction s = o == Outcome.UNREACHABLE ? null : choice(Satisfaction.class, satisfaction, "satisfaction");
            Long request;
            try {
                request = requestId == null || requestId.isBlank() ? null : Long.valueOf(requestId.strip());
            } catch (NumberFormatException e) {
                throw JiesuException.invalid("requestId: '" + FormValues.shown(requestId) + "' is not a number.");
            }
            return new CallbackForm(request, o, s, note);
        }
    }

    record Row(Order order, List<ResidentRequest> requests, List<CallbackRecord> callbacks) {}

    private final Callbacks callbacks;
    private final Orders orders;
    private final Intake intake;
    private final Actors actors;

    private final MessageSource messages;

    CallbackPages(Callbacks callbacks, Orders orders, Intake intake, Actors actors, MessageSource messages) {
        this.messages = messages;
        this.callbacks = callbacks;
        this.orders = orders;
        this.intake = intake;
        this.actors = actors;
    }

    @GetMapping("/callbacks")
    String list(Model model) {
        Actor actor = actors.current();
        actors.requireRole(actor, HOTLINE);
        List<Row> rows = orders.awaitingCallback().stream()
                .filter(o -> actors.mayActFor(actor, o.unitId()))
                .map(o -> new Row(
                        o, orders.requestsOf(o.id()).stream().map(intake::get).toList(), callbacks.forOrder(o.id())))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("satisfactions", Satisfaction.values());
        return "callback/callbacks";
    }

    @PostMapping("/callbacks/{orderId}")
    String record(@PathVariable long orderId, CallbackInput input, RedirectAttributes redirect) {
        try {
            Order after = callbacks.record(orderId, input.toForm(), actors.current());
            redirect.addFlashAttribute(
                    "flashSuccess",
                    messages.getMessage(
                            after.state() == OrderState.CLOSED
                                    ? "console.callbacks.done.closed"
                                    : after.state() == OrderState.SIGNED
                                            ? "console.callbacks.done.redo"
                                            : "console.callbacks.done.more",
                            new Object[] {String.valueOf(orderId)},
                            LocaleContextHolder.getLocale()));
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/callbacks";
    }
}
