package org.jiesu.dispatch;

import static org.jiesu.platform.FormValues.blankToNull;
import static org.jiesu.platform.FormValues.id;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jiesu.classification.CategorySuggester;
import org.jiesu.classification.Corrections;
import org.jiesu.intake.FormChoices;
import org.jiesu.intake.Intake;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages around orders: the operator's queue and the supervisor's desk. The operator console is
 * {@link OperatorConsole}, the units' inbox and order page {@link UnitWorkbench}.
 */
@Controller
class DispatchPages {

    private static final Role[] HOTLINE = {Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN};
    private static final Role[] SUPERVISORS = {Role.SUPERVISOR, Role.ADMIN};

    record DispatchForm(
            @Nullable String unitId,
            @Nullable String categoryCode,
            @Nullable String note) {}

    record QueueRow(
            ResidentRequest request,
            String category,
            String place,
            @Nullable RouteProposal proposal,
            String proposedCategory) {}

    record OrderRow(Order order, ResidentRequest request, boolean overdue) {}

    private final Orders orders;
    private final RouteProposals proposals;
    private final Intake intake;
    private final UnitDirectory units;
    private final Actors actors;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DispatchViews views;
    private final MessageSource messages;
    private final CategorySuggester classifier;
    private final Corrections corrections;

    DispatchPages(
            Orders orders,
            RouteProposals proposals,
            Intake intake,
            UnitDirectory units,
            Actors actors,
            TransactionTemplate tx,
            Clock clock,
            DispatchViews views,
            MessageSource messages,
            CategorySuggester classifier,
            Corrections corrections) {
        this.classifier = classifier;
        this.corrections = corrections;
        this.views = views;
        this.messages = messages;
        this.orders = orders;
        this.proposals = proposals;
        this.intake = intake;
        this.units = units;
        this.actors = actors;
        this.tx = tx;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------ operators

    @GetMapping("/operator/queue")
    String queue(Model model) {
        Actor actor = actors.current();
        actors.requireRole(actor, HOTLINE);
        List<ResidentRequest> waiting = intake.awaitingDispatch(200).stream()
                .filter(r -> intake.mayRead(actor, r))
                .toList();
        var proposed = proposals.of(waiting.stream().map(ResidentRequest::id).toList());
        List<QueueRow> rows = waiting.stream()
                .map(r -> new QueueRow(
                        r,
                        views.categoryName(r.categoryCode()),
                        views.placeOf(r),
                        proposed.get(r.id()),
                        proposed.get(r.id()) == null
                                ? ""
                                : views.categoryName(proposed.get(r.id()).categoryCode())))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute(
                "categoryGroups", FormChoices.categoryGroups(units, name -> msg("common.form.categoryOther", name)));
        model.addAttribute("unitOptions", views.unitOptions());
        return "dispatch/queue";
    }

    /** An htmx fragment: where the catalogue would send the request, and why. */
    @GetMapping("/operator/queue/{id}/suggestion")
    String suggestion(
            @PathVariable long id, @RequestParam(required = false) @Nullable String categoryCode, Model model) {
        try {
            actors.requireRole(actors.current(), HOTLINE);
            intake.get(id, actors.current());
            model.addAttribute("route", orders.suggest(id, categoryCode));
            model.addAttribute("requestId", id);
            model.addAttribute("similar", orders.similarOpen(id, 5));
        } catch (JiesuException e) {
            model.addAttribute("suggestionError", e.getMessage());
        }
        return "fragments/suggestion :: suggestion";
    }

    @PostMapping("/operator/queue/{id}/dispatch")
    String dispatch(@PathVariable long id, DispatchForm form, RedirectAttributes redirect) {
        try {
            Actor actor = actors.current();
            Order lead = tx.execute(s -> {
                Order dispatched = orders.dispatch(
                        id,
                        new DispatchCommand(
                                id(form.unitId(), "unitId"), blankToNull(form.categoryCode()), null, form.note()),
                        actor);
                // The category the operator settled on, where the model suggested another: training data.
                ResidentRequest request = intake.get(id);
                corrections.record(
                        id, request.text(), classifier.classify(request.text(), 3), request.categoryCode(), actor);
                return dispatched;
            });
            redirect.addFlashAttribute(
                    "flashSuccess", msg("console.queue.done.dispatch", lead.unitName(), String.valueOf(lead.id())));
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/operator/queue";
    }

    @PostMapping("/operator/queue/{id}/merge")
    String merge(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String intoOrderId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        try {
            Long into = id(intoOrderId, "intoOrderId");
            if (into == null) {
                throw JiesuException.invalid("intoOrderId: choose the order to join.");
            }
            Order order = orders.attach(id, into, reason, actors.current());
            redirect.addFlashAttribute("flashSuccess", msg("console.queue.done.join", String.valueOf(order.id())));
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/operator/queue";
    }

    @PostMapping("/operator/queue/{id}/answer")
    String answer(@PathVariable long id, @RequestParam(defaultValue = "") String answer, RedirectAttributes redirect) {
        try {
            ResidentRequest r = intake.answerDirectly(id, answer, actors.current());
            redirect.addFlashAttribute("flashSuccess", msg("console.queue.done.answer", r.trackingCode()));
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/operator/queue";
    }

    // ----------------------------------------------------------------------------------------------- supervisors

    @GetMapping("/supervisor")
    String supervisor(Model model) {
        Actor actor = actors.current();
        actors.requireRole(actor, SUPERVISORS);
        model.addAttribute("returns", rows(orders.pendingReturns(actor)));
        model.addAttribute("rows", rows(orders.inbox(actor)));
        model.addAttribute("unitOptions", views.unitOptions());
        return "dispatch/supervisor";
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private List<OrderRow> rows(List<Order> list) {
        Instant now = Instant.now(clock);
        return list.stream()
                .map(o -> new OrderRow(o, intake.get(o.requestId()), o.overdueAt(now)))
                .toList();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
