package org.jiesu.dispatch;

import static org.jiesu.platform.FormValues.blankToNull;
import static org.jiesu.platform.FormValues.choice;
import static org.jiesu.platform.FormValues.id;
import static org.jiesu.platform.FormValues.number;
import static org.jiesu.platform.FormValues.shown;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jiesu.intake.Channel;
import org.jiesu.intake.FormChoices;
import org.jiesu.intake.FormChoices.Option;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.intake.RequestType;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.intake.Urgency;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Category;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages around orders: public tracking, the operator's entry form and queue, the units' inbox, one order with
 * the actions its state and the viewer's role allow, and the supervisor's desk.
 */
@Controller
class DispatchPages {

    private static final Role[] HOTLINE = {Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN};
    private static final Role[] ENTRY = {Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN, Role.GRID_WORKER};
    private static final Role[] HANDLERS = {Role.HANDLER, Role.UNIT_HEAD, Role.GRID_WORKER, Role.ADMIN};
    private static final Role[] SUPERVISORS = {Role.SUPERVISOR, Role.ADMIN};

    /** A request as staff record it; like the resident's form plus channel, urgency and an immediate dispatch. */
    record EntryForm(
            @NotBlank(message = "请写下诉求内容。") @Size(max = NewRequest.MAX_TEXT, message = "最多 {max} 字。")
            String text,

            @Nullable String type,
            @Nullable String categoryCode,
            @Nullable String communityId,
            @Nullable String latitude,
            @Nullable String longitude,

            @Nullable @Size(max = NewRequest.MAX_ADDRESS, message = "最多 {max} 字。")
            String address,

            @Nullable @Size(max = NewRequest.MAX_CONTACT_NAME, message = "最多 {max} 字。")
            String contactName,

            @Nullable @Pattern(regexp = NewRequest.PHONE, message = "请填写 5 到 20 位的电话号码。")
            String contactPhone,

            @Nullable Boolean confidential,
            @Nullable String channel,
            @Nullable String urgency,
            @Nullable Boolean dispatchNow,
            @Nullable String unitId) {

        static EntryForm startingWith(Channel channel) {
            return new EntryForm(
                    "",
                    RequestType.HELP.name(),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    false,
                    channel.name(),
                    Urgency.NORMAL.name(),
                    true,
                    "");
        }

        NewRequest toNewRequest() {
            return new NewRequest(
                    choice(Channel.class, channel, "channel"),
                    choice(RequestType.class, type, "type"),
                    text,
                    blankToNull(categoryCode),
                    choice(Urgency.class, urgency, "urgency"),
                    number(latitude, "latitude"),
                    number(longitude, "longitude"),
                    id(communityId, "communityId"),
                    address,
                    contactName,
                    contactPhone,
                    Boolean.TRUE.equals(confidential));
        }
    }

    /** Every action form on the order page posts some of these; each action reads the fields it needs. */
    record ActionForm(
            @Nullable String reason,
            @Nullable String text,
            @Nullable String signedOffBy,
            @Nullable String decision,
            @Nullable String unitId,
            @Nullable String intoOrderId,
            @Nullable String back) {}

    record DispatchForm(
            @Nullable String unitId,
            @Nullable String categoryCode,
            @Nullable String note) {}

    record QueueRow(
            ResidentRequest request,
            String category,
            String place,
            @Nullable RouteProposal proposal) {}

    record OrderRow(Order order, ResidentRequest request, boolean overdue) {}

    private final Orders orders;
    private final RouteProposals proposals;
    private final Intake intake;
    private final UnitDirectory units;
    private final Actors actors;
    private final TransactionTemplate tx;
    private final Clock clock;

    DispatchPages(
            Orders orders,
            RouteProposals proposals,
            Intake intake,
            UnitDirectory units,
            Actors actors,
            TransactionTemplate tx,
            Clock clock) {
        this.orders = orders;
        this.proposals = proposals;
        this.intake = intake;
        this.units = units;
        this.actors = actors;
        this.tx = tx;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------------- public

    @GetMapping("/track")
    String track(@RequestParam(required = false) @Nullable String code, Model model, HttpServletResponse response) {
        model.addAttribute("code", code == null ? "" : code.strip());
        if (code != null && !code.isBlank()) {
            try {
                model.addAttribute("tracking", orders.track(code.strip()));
            } catch (JiesuException e) {
                response.setStatus(e.status().value());
                model.addAttribute("notFound", e.getMessage());
            }
        }
        return "dispatch/track";
    }

    // ------------------------------------------------------------------------------------------------ operators

    @GetMapping("/operator/new")
    String entry(Model model) {
        Actor actor = actors.current();
        actors.requireRole(actor, ENTRY);
        return showEntry(
                model, EntryForm.startingWith(actor.is(Role.GRID_WORKER) ? Channel.GRID_VISIT : Channel.HOTLINE));
    }

    @PostMapping("/operator/new")
    String enter(
            @Valid @ModelAttribute("form") EntryForm form,
            BindingResult binding,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Actor actor = actors.current();
        actors.requireRole(actor, ENTRY);
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("formError", "请检查标出的内容。");
            return showEntry(model, form);
        }
        record Entered(ResidentRequest request, @Nullable Order lead) {}
        Entered entered;
        try {
            NewRequest request = form.toNewRequest();
            Long unitId = id(form.unitId(), "unitId");
            // One transaction: a dispatch that fails must not leave the request behind, half done.
            entered = tx.execute(status -> {
                ResidentRequest saved = intake.receive(request, actor);
                Order lead = Boolean.TRUE.equals(form.dispatchNow())
                        ? orders.dispatch(saved.id(), new DispatchCommand(unitId, null, null, null), actor)
                        : null;
                return new Entered(saved, lead);
            });
        } catch (JiesuException e) {
            response.setStatus(e.status().value());
            model.addAttribute("formError", e.getMessage());
            return showEntry(model, form);
        }
        String code = entered.request().trackingCode();
        if (entered.lead() != null) {
            redirect.addFlashAttribute(
                    "flashSuccess", "已受理 " + code + "，派至 " + entered.lead().unitName() + "。");
            return "redirect:/orders/" + entered.lead().id();
        }
        redirect.addFlashAttribute("flashSuccess", "已受理 " + code + "，等待派单。");
        return actor.is(HOTLINE) ? "redirect:/operator/queue" : "redirect:/operator/new";
    }

    @GetMapping("/operator/queue")
    String queue(Model model) {
        Actor actor = actors.current();
        actors.requireRole(actor, HOTLINE);
        List<ResidentRequest> waiting = intake.awaitingDispatch(200).stream()
                .filter(r -> intake.mayRead(actor, r))
                .toList();
        var proposed = proposals.of(waiting.stream().map(ResidentRequest::id).toList());
        List<QueueRow> rows = waiting.stream()
                .map(r -> new QueueRow(r, categoryName(r.categoryCode()), placeOf(r), proposed.get(r.id())))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("categoryGroups", FormChoices.categoryGroups(units));
        model.addAttribute("unitOptions", unitOptions());
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
            Order lead = orders.dispatch(
                    id,
                    new DispatchCommand(
                            id(form.unitId(), "unitId"), blankToNull(form.categoryCode()), null, form.note()),
                    actors.current());
            redirect.addFlashAttribute("flashSuccess", "已派至 " + lead.unitName() + "（工单 " + lead.id() + "）。");
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
            redirect.addFlashAttribute("flashSuccess", "已并入工单 #" + order.id() + "，答复和回访将一并覆盖该诉求。");
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/operator/queue";
    }

    @PostMapping("/operator/queue/{id}/answer")
    String answer(@PathVariable long id, @RequestParam(defaultValue = "") String answer, RedirectAttributes redirect) {
        try {
            ResidentRequest r = intake.answerDirectly(id, answer, actors.current());
            redirect.addFlashAttribute("flashSuccess", "已直接答复 " + r.trackingCode() + "，诉求办结。");
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/operator/queue";
    }

    // ---------------------------------------------------------------------------------------------------- orders

    @GetMapping("/inbox")
    String inbox(Model model) {
        model.addAttribute("rows", rows(orders.inbox(actors.current())));
        return "dispatch/inbox";
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable long id, Model model) {
        Actor actor = actors.current();
        Order order = orders.get(id, actor);
        ResidentRequest request = intake.get(order.requestId());
        List<ResidentRequest> answered =
                orders.requestsOf(id).stream().map(intake::get).toList();
        Set<String> can = allowedActions(order, actor);
        model.addAttribute("order", order);
        model.addAttribute("request", request);
        model.addAttribute("answered", answered);
        model.addAttribute("category", categoryName(request.categoryCode()));
        model.addAttribute("place", placeOf(request));
        model.addAttribute("overdue", order.overdueAt(Instant.now(clock)));
        model.addAttribute("history", orders.history(id));
        model.addAttribute(
                "related",
                orders.forRequest(order.requestId()).stream()
                        .filter(o -> o.id() != id)
                        .toList());
        model.addAttribute("can", can);
        if (can.contains("ruling")) {
            model.addAttribute("unitOptions", unitOptions());
        }
        return "dispatch/order";
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
        Order order = orders.get(id, actor);
        if (!orders.requestsOf(id).contains(requestId)) {
            throw JiesuException.invalid("Request " + requestId + " is not answered by order " + id + ".");
        }
        model.addAttribute("req", intake.get(requestId));
        try {
            model.addAttribute("contact", intake.unmaskContact(requestId, reason, actor));
        } catch (JiesuException e) {
            model.addAttribute("contactError", e.getMessage());
        }
        return "fragments/contact :: contact";
    }

    @PostMapping("/orders/{id}/{action}")
    String act(@PathVariable long id, @PathVariable String action, ActionForm form, RedirectAttributes redirect) {
        Actor actor = actors.current();
        // Outside the try: someone else's order is refused outright, not with a message on a page they may not see.
        orders.get(id, actor);
        try {
            String done = switch (action) {
                case "sign" -> {
                    orders.sign(id, actor);
                    yield "已签收。";
                }
                case "reply" -> {
                    orders.reply(id, form.text(), actor);
                    yield "已答复，等待回访。";
                }
                case "return" -> {
                    orders.requestReturn(id, form.reason(), actor);
                    yield "已申请退单，等待督办裁决。";
                }
                case "extension" -> {
                    orders.extend(id, form.reason(), actor);
                    yield "已延期，答复时限已顺延。";
                }
                case "escalation" -> {
                    orders.escalate(id, form.reason(), actor);
                    yield "已升级至上一级。";
                }
                case "final-reply" -> {
                    orders.finalReply(id, form.text(), form.signedOffBy(), actor);
                    yield "已作最终答复，工单办结。";
                }
                case "urge" -> {
                    orders.urge(id, form.reason(), actor);
                    yield "已督办。";
                }
                case "ruling" -> {
                    if (form.decision() == null || form.decision().isBlank()) {
                        throw JiesuException.invalid("decision: approve or reject the return.");
                    }
                    boolean approve = form.decision().equals("approve");
                    orders.ruleOnReturn(id, approve, form.reason(), id(form.unitId(), "unitId"), actor);
                    yield approve ? "已同意退单并改派。" : "已驳回退单，原单位继续办理。";
                }
                case "merge" -> {
                    Long into = id(form.intoOrderId(), "intoOrderId");
                    if (into == null) {
                        throw JiesuException.invalid("intoOrderId: name the order to merge into.");
                    }
                    orders.merge(id, into, form.reason(), actor);
                    yield "已并入工单 " + into + "。";
                }
                default -> throw JiesuException.notFound("There is no action '" + shown(action) + "'.");
            };
            redirect.addFlashAttribute("flashSuccess", done);
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:" + back(form.back(), "/orders/" + id);
    }

    // ----------------------------------------------------------------------------------------------- supervisors

    @GetMapping("/supervisor")
    String supervisor(Model model) {
        Actor actor = actors.current();
        actors.requireRole(actor, SUPERVISORS);
        model.addAttribute("returns", rows(orders.pendingReturns(actor)));
        model.addAttribute("rows", rows(orders.inbox(actor)));
        model.addAttribute("unitOptions", unitOptions());
        return "dispatch/supervisor";
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private String showEntry(Model model, EntryForm form) {
        model.addAttribute("form", form);
        model.addAttribute("types", RequestType.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("categoryGroups", FormChoices.categoryGroups(units));
        model.addAttribute("communityGroups", FormChoices.communityGroups(units));
        model.addAttribute("unitOptions", unitOptions());
        return "dispatch/entry";
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

    private List<OrderRow> rows(List<Order> list) {
        Instant now = Instant.now(clock);
        return list.stream()
                .map(o -> new OrderRow(o, intake.get(o.requestId()), o.overdueAt(now)))
                .toList();
    }

    private String categoryName(@Nullable String code) {
        return code == null ? "" : units.findCategory(code).map(Category::name).orElse(code);
    }

    private String placeOf(ResidentRequest r) {
        List<String> parts = new ArrayList<>();
        if (r.communityId() != null) {
            units.find(r.communityId()).ifPresent(u -> parts.add(u.name()));
        }
        if (r.latitude() != null && r.longitude() != null) {
            String grid = units.gridAt(r.latitude(), r.longitude())
                    .map(u -> u.name() + " ")
                    .orElse("辖区外 ");
            parts.add(grid + String.format(Locale.ROOT, "(%.5f, %.5f)", r.latitude(), r.longitude()));
        }
        if (r.address() != null) {
            parts.add(r.address());
        }
        return String.join(" · ", parts);
    }

    /** Units that can take an order, in tree order, indented by depth so the select reads like the tree. */
    private List<Option> unitOptions() {
        List<Option> options = new ArrayList<>();
        units.units().stream().filter(u -> u.parentId() == null).forEach(root -> addUnit(root, 0, options));
        return options;
    }

    private void addUnit(Unit unit, int depth, List<Option> options) {
        if (unit.kind() != UnitKind.HOTLINE && unit.kind() != UnitKind.OFFICE) {
            options.add(new Option(String.valueOf(unit.id()), "　".repeat(depth) + unit.name()));
        }
        units.children(unit.id()).stream()
                .sorted(Comparator.comparing((Unit u) -> u.kind().territorial()).thenComparing(Unit::code))
                .forEach(child -> addUnit(child, depth + 1, options));
    }

    /** Only a path of this application, so the form cannot send anyone elsewhere. */
    private static String back(@Nullable String back, String otherwise) {
        return back != null && back.matches("/[a-z][a-z0-9/_-]*") ? back : otherwise;
    }
}
