package org.jiesu.dispatch;

import static org.jiesu.platform.FormValues.id;
import static org.jiesu.platform.FormValues.shown;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.intake.Photo;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The unit workbench: the inbox ordered by urgency with live countdowns and what is new since the last look, and one
 * order with its history, attachments and every action its state and the viewer's role allow. Actions post with htmx
 * and land back on the order page, so the result shows without a reload; without script they post and redirect.
 */
@Controller
class UnitWorkbench {

    private static final Role[] HOTLINE = {Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN};
    private static final Role[] HANDLERS = {Role.HANDLER, Role.UNIT_HEAD, Role.GRID_WORKER, Role.ADMIN};
    private static final Role[] SUPERVISORS = {Role.SUPERVISOR, Role.ADMIN};
    private static final int INBOX_LIMIT = 100;
    private static final int MAX_TEXT = NewRequest.MAX_TEXT;

    /** Every action form on the order page posts some of these; each action reads the fields it needs. */
    record ActionForm(
            @Nullable String reason,
            @Nullable String text,
            @Nullable String signedOffBy,
            @Nullable String decision,
            @Nullable String unitId,
            @Nullable String intoOrderId,
            @Nullable String back) {

        static ActionForm empty() {
            return new ActionForm("", "", "", "", "", "", "");
        }
    }

    record InboxRow(Order order, ResidentRequest request, Due due, boolean fresh) {}

    private final Orders orders;
    private final Intake intake;
    private final Actors actors;
    private final DispatchViews views;
    private final InboxSeen seen;
    private final MessageSource messages;
    private final ObjectProvider<RequestAttachments> attachments;
    private final Clock clock;

    UnitWorkbench(
            Orders orders,
            Intake intake,
            Actors actors,
            DispatchViews views,
            InboxSeen seen,
            MessageSource messages,
            ObjectProvider<RequestAttachments> attachments,
            Clock clock) {
        this.orders = orders;
        this.intake = intake;
        this.actors = actors;
        this.views = views;
        this.seen = seen;
        this.messages = messages;
        this.attachments = attachments;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------------- inbox

    @GetMapping("/inbox")
    String inbox(Model model) {
        Actor actor = actors.current();
        Instant now = Instant.now(clock);
        Instant lastSeen = seen.lastSeen(actor.username(), now);
        List<Order> open = orders.inbox(actor);
        List<InboxRow> rows = rows(open, now, lastSeen);
        model.addAttribute("rows", rows);
        model.addAttribute("total", open.size());
        model.addAttribute("fresh", rows.stream().filter(InboxRow::fresh).count());
        model.addAttribute("lastSeen", lastSeen);
        model.addAttribute("now", now);
        if (actor.role().staff()) {
            seen.seen(actor.username(), now);
        }
        return "console/inbox";
    }

    /** An htmx fragment for a nav badge: how many orders came in since the inbox was last opened. */
    /** The count of new orders: for the inbox page, or with {@code nav} for the navigation bar of every page. */
    @GetMapping("/inbox/badge")
    String badge(@RequestParam(required = false) @Nullable String nav, Model model) {
        Actor actor = actors.current();
        Instant now = Instant.now(clock);
        Instant lastSeen = seen.lastSeen(actor.username(), now);
        model.addAttribute(
                "fresh",
                orders.inbox(actor).stream()
                        .filter(o -> o.dispatchedAt().isAfter(lastSeen))
                        .count());
        return nav == null ? "console/inbox :: badge" : "console/inbox :: navBadge";
    }

    private List<InboxRow> rows(List<Order> open, Instant now, Instant lastSeen) {
        List<Order> ordered = open.stream()
                .sorted(Comparator.comparing((Order o) -> !o.urged())
                        .thenComparing(o -> !Due.of(o, now).overdue())
                        .thenComparing(o -> {
                            Due d = Due.of(o, now);
                            return d.deadline() == null ? Instant.MAX : d.deadline();
                        })
                        .thenComparing(Order::id))
                .limit(INBOX_LIMIT)
                .toList();
        Map<Long, ResidentRequest> requests =
                intake.getAll(ordered.stream().map(Order::requestId).toList());
        return ordered.stream()
                .map(o -> new InboxRow(
                        o,
                        requests.get(o.requestId()),
                        Due.of(o, now),
                        o.dispatchedAt().isAfter(lastSeen)))
                .toList();
    }

    // ---------------------------------------------------------------------------------------------------- order

    @GetMapping("/orders/{id}")
    String order(@PathVariable long id, Model model) {
        return showOrder(id, model, null, Map.of(), ActionForm.empty());
    }

    /** An htmx fragment: a requester's contact, shown in place after the reason is recorded. */
    @PostMapping("/orders/{id}/contact")
    String contact(
            @PathVariable long id,
            @RequestParam long requestId,
            @RequestParam(defaultValue = "") String reason,
            Model model) {
        model.addAttribute("orderId", id);
        Actor actor = actors.current();
        orders.get(id, actor);
        if (!orders.requestsOf(id).contains(requestId)) {
            throw JiesuException.invalid("Request " + requestId + " is not answered by order " + id + ".");
        }
        model.addAttribute("req", intake.get(requestId));
        if (reason.isBlank()) {
            model.addAttribute("contactError", msg("console.error.reason.required"));
            return "fragments/contact :: contact";
        }
        try {
            model.addAttribute("contact", intake.unmaskContact(requestId, reason, actor));
        } catch (JiesuException e) {
            model.addAttribute("contactError", e.getMessage());
        }
        return "fragments/contact :: contact";
    }

    /**
     * One photo of a request, for staff who may read one of its orders: the request's orders are checked, not a path
     * that anyone could guess.
     */
    @GetMapping("/requests/{requestId}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long requestId, @PathVariable long photoId) {
        orders.forRequest(requestId, actors.current());
        Photo photo = intake.photoOf(requestId, photoId)
                .orElseThrow(() -> JiesuException.notFound("There is no photo " + photoId + "."));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.contentType()))
                .cacheControl(CacheControl.noStore())
                .body(photo.content());
    }

    @PostMapping("/orders/{id}/{action}")
    String act(
            @PathVariable long id,
            @PathVariable String action,
            ActionForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Actor actor = actors.current();
        // Outside the try: someone else's order is refused outright, not with a message on a page they may not see.
        orders.get(id, actor);
        if (!List.of(ACTIONS).contains(action)) {
            throw JiesuException.notFound("There is no action '" + shown(action) + "'.");
        }
        Map<String, String> errors = check(action, form);
        if (!errors.isEmpty()) {
            response.setStatus(422);
            return showOrder(id, model, action, errors, form);
        }
        try {
            String done = switch (action) {
                case "sign" -> {
                    orders.sign(id, actor);
                    yield msg("console.done.sign");
                }
                case "reply" -> {
                    orders.reply(id, form.text(), actor);
                    yield msg("console.done.reply");
                }
                case "return" -> {
                    orders.requestReturn(id, form.reason(), actor);
                    yield msg("console.done.return");
                }
                case "extension" -> {
                    orders.extend(id, form.reason(), actor);
                    yield msg("console.done.extension");
                }
                case "escalation" -> {
                    orders.escalate(id, form.reason(), actor);
                    yield msg("console.done.escalation");
                }
                case "final-reply" -> {
                    orders.finalReply(id, form.text(), form.signedOffBy(), actor);
                    yield msg("console.done.finalReply");
                }
                case "urge" -> {
                    orders.urge(id, form.reason(), actor);
                    yield msg("console.done.urge");
                }
                case "ruling" -> {
                    boolean approve = "approve".equals(form.decision());
                    orders.ruleOnReturn(id, approve, form.reason(), id(form.unitId(), "unitId"), actor);
                    yield msg(approve ? "console.done.ruling.approve" : "console.done.ruling.reject");
                }
                case "merge" -> {
                    long into = id(form.intoOrderId(), "intoOrderId");
                    orders.merge(id, into, form.reason(), actor);
                    yield msg("console.done.merge", String.valueOf(into));
                }
                default -> throw JiesuException.notFound("There is no action '" + shown(action) + "'.");
            };
            redirect.addFlashAttribute("csDone", done);
        } catch (JiesuException e) {
            // A refusal by the state machine or the rules: shown on the form, nothing was changed.
            response.setStatus(422);
            return showOrder(id, model, action, Map.of("action", e.getMessage()), form);
        }
        return "redirect:" + back(form.back(), "/orders/" + id);
    }

    private static final String[] ACTIONS = {
        "sign", "reply", "return", "extension", "escalation", "final-reply", "urge", "ruling", "merge"
    };

    /** Field errors an action's form has before the facade is asked; the facade checks again. */
    private Map<String, String> check(String action, ActionForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        switch (action) {
            case "reply" -> required(errors, "text", form.text(), MAX_TEXT);
            case "return", "extension", "escalation", "urge" -> required(errors, "reason", form.reason(), MAX_TEXT);
            case "final-reply" -> {
                required(errors, "text", form.text(), MAX_TEXT);
                required(errors, "signedOffBy", form.signedOffBy(), 100);
            }
            case "ruling" -> {
                if (!"approve".equals(form.decision()) && !"reject".equals(form.decision())) {
                    errors.put("decision", msg("console.error.decision"));
                }
                required(errors, "reason", form.reason(), MAX_TEXT);
            }
            case "merge" -> {
                if (form.intoOrderId() == null || !form.intoOrderId().strip().matches("[0-9]{1,18}")) {
                    errors.put("intoOrderId", msg("console.error.orderNumber"));
                }
                required(errors, "reason", form.reason(), MAX_TEXT);
            }
            default -> {}
        }
        return errors;
    }

    private void required(Map<String, String> errors, String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            errors.put(field, msg("console.error.action." + field + ".required"));
        } else if (value.strip().length() > max) {
            errors.put(field, msg("console.error.tooLong", max));
        }
    }

    private String showOrder(
            long id, Model model, @Nullable String failedAction, Map<String, String> errors, ActionForm form) {
        Actor actor = actors.current();
        Order order = orders.get(id, actor);
        ResidentRequest request = intake.get(order.requestId());
        List<ResidentRequest> answered =
                List.copyOf(intake.getAll(orders.requestsOf(id)).values());
        Set<String> can = allowedActions(order, actor);
        model.addAttribute("order", order);
        model.addAttribute("request", request);
        model.addAttribute("answered", answered);
        model.addAttribute("category", views.categoryName(request.categoryCode()));
        model.addAttribute("place", views.placeOf(request));
        model.addAttribute("due", Due.of(order, Instant.now(clock)));
        model.addAttribute("history", orders.history(id));
        model.addAttribute(
                "related",
                orders.forRequest(order.requestId()).stream()
                        .filter(o -> o.id() != id)
                        .toList());
        model.addAttribute("can", can);
        model.addAttribute("failedAction", failedAction == null ? "" : failedAction);
        model.addAttribute("errors", errors);
        model.addAttribute("actionForm", form);
        RequestAttachments files = attachments.getIfAvailable();
        model.addAttribute("attachments", files == null ? List.of() : files.of(request.id()));
        model.addAttribute("attachmentsWired", files != null);
        if (can.contains("ruling")) {
            model.addAttribute("unitOptions", views.unitOptions());
        }
        return "console/order";
    }

    /**
     * The forms worth showing: those the state machine and the viewer's role allow. The facade still decides; this
     * only spares people buttons that can never work.
     */
    private Set<String> allowedActions(Order o, Actor actor) {
        boolean inScope = actors.mayActFor(actor, o.unitId());
        boolean handler = inScope && actor.is(HANDLERS);
        boolean supervisor = inScope && actor.is(SUPERVISORS);
        boolean hotline = inScope && actor.is(HOTLINE);
        Set<String> can = new LinkedHashSet<>();
        switch (o.state()) {
            case DISPATCHED -> {
                if (handler) {
                    can.addAll(List.of("sign", "return", "escalation"));
                }
            }
            case SIGNED -> {
                if (handler) {
                    can.addAll(List.of("reply", "extension", "return", "escalation", "final-reply"));
                }
            }
            case RETURN_REQUESTED -> {
                if (supervisor) {
                    can.add("ruling");
                }
            }
            case REPLIED -> {
                if (handler) {
                    can.add("final-reply");
                }
            }
            default -> {}
        }
        boolean open = o.state() == OrderState.DISPATCHED || o.state() == OrderState.SIGNED;
        if (supervisor && (open || o.state() == OrderState.RETURN_REQUESTED)) {
            can.add("urge");
        }
        if (supervisor && open) {
            can.add("escalation");
        }
        if (hotline && open) {
            can.add("merge");
        }
        return can;
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /** Only a path of this application, so the form cannot send anyone elsewhere. */
    private static String back(@Nullable String back, String otherwise) {
        return back != null && back.matches("/[a-z][a-z0-9/_-]*") ? back : otherwise;
    }
}
