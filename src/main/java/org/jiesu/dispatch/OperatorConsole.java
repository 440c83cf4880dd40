package org.jiesu.dispatch;

import static org.jiesu.platform.FormValues.blankToNull;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jiesu.classification.CategorySuggester;
import org.jiesu.classification.Classification;
import org.jiesu.classification.ClassifierModels;
import org.jiesu.classification.Corrections;
import org.jiesu.intake.Channel;
import org.jiesu.intake.FormChoices;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.intake.RequestType;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.intake.Urgency;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Route;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator console: one keyboard-first form to record a call. As the phone number is typed it shows the caller's
 * earlier requests, masked and audited; as the text is typed, suggested categories, the unit the catalogue gives,
 * possible duplicates and knowledge answers. One key saves and dispatches, or answers a consultation at once.
 */
@Controller
class OperatorConsole {

    private static final Role[] HOTLINE = {Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN};
    private static final Role[] ENTRY = {Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN, Role.GRID_WORKER};
    /** Fewer digits than this are still being typed: no lookup, no audit line. */
    static final int LOOKUP_DIGITS = 7;

    /** The console's form; every field a string so that what was typed comes back as typed. */
    record EntryForm(
            @Nullable String contactPhone,
            @Nullable String text,
            @Nullable String type,
            @Nullable String urgency,
            @Nullable String communityId,
            @Nullable String address,
            @Nullable String categoryCode,
            @Nullable String unitId,
            @Nullable String contactName,
            @Nullable Boolean confidential,
            @Nullable String channel) {

        static EntryForm startingWith(Channel channel) {
            return new EntryForm(
                    "", "", RequestType.HELP.name(), Urgency.NORMAL.name(), "", "", "", "", "", false, channel.name());
        }
    }

    private final Intake intake;
    private final Orders orders;
    private final UnitDirectory units;
    private final Actors actors;
    private final DispatchViews views;
    private final CategorySuggester categories;
    private final ClassifierModels models;
    private final Corrections corrections;
    private final ObjectProvider<KnowledgeAnswers> knowledge;
    private final MessageSource messages;
    private final TransactionTemplate tx;

    OperatorConsole(
            Intake intake,
            Orders orders,
            UnitDirectory units,
            Actors actors,
            DispatchViews views,
            CategorySuggester categories,
            ClassifierModels models,
            Corrections corrections,
            ObjectProvider<KnowledgeAnswers> knowledge,
            MessageSource messages,
            TransactionTemplate tx) {
        this.intake = intake;
        this.orders = orders;
        this.units = units;
        this.actors = actors;
        this.views = views;
        this.categories = categories;
        this.models = models;
        this.corrections = corrections;
        this.knowledge = knowledge;
        this.messages = messages;
        this.tx = tx;
    }

    @GetMapping("/operator/new")
    String entry(Model model) {
        Actor actor = actors.current();
        actors.requireRole(actor, ENTRY);
        return show(
                model,
                EntryForm.startingWith(actor.is(Role.GRID_WORKER) ? Channel.GRID_VISIT : Channel.HOTLINE),
                Map.of());
    }

    /** Records the call; {@code action=queue} leaves it waiting, anything else dispatches it in the same step. */
    @PostMapping("/operator/new")
    String enter(
            @ModelAttribute("form") EntryForm form,
            @RequestParam(defaultValue = "dispatch") String action,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Actor actor = actors.current();
        actors.requireRole(actor, ENTRY);
        boolean dispatchNow = !action.equals("queue");
        Map<String, String> errors = check(form, dispatchNow);
        if (!errors.isEmpty()) {
            return refuse(model, form, errors, response, HttpServletResponse.SC_BAD_REQUEST);
        }
        record Entered(ResidentRequest request, @Nullable Order lead) {}
        Entered entered;
        try {
            NewRequest request = toNewRequest(form);
            Long unitId = parseId(form.unitId());
            // One transaction: a dispatch that fails must not leave the request behind, half done.
            entered = tx.execute(status -> {
                ResidentRequest saved = intake.receive(request, actor);
                // The operator's choice where the model suggested another: training data for the next model.
                corrections.record(
                        saved.id(), saved.text(), categories.classify(saved.text(), 3), saved.categoryCode(), actor);
                Order lead = dispatchNow
                        ? orders.dispatch(saved.id(), new DispatchCommand(unitId, null, null, null), actor)
                        : null;
                return new Entered(saved, lead);
            });
        } catch (JiesuException e) {
            return refuse(
                    model,
                    form,
                    Map.of("form", e.getMessage()),
                    response,
                    e.status().value());
        }
        String code = entered.request().trackingCode();
        if (entered.lead() != null) {
            redirect.addFlashAttribute(
                    "csDone",
                    msg(
                            "console.entry.dispatched",
                            String.valueOf(entered.lead().id()),
                            code,
                            entered.lead().unitName()));
            redirect.addFlashAttribute("csDoneOrder", entered.lead().id());
        } else {
            redirect.addFlashAttribute("csDone", msg("console.entry.queued", code));
        }
        return "redirect:/operator/new";
    }

    /** Records a consultation and answers it at once with a knowledge answer: no order, the request is closed. */
    @PostMapping("/operator/new/answer")
    String answer(
            @ModelAttribute("form") EntryForm form,
            @RequestParam(defaultValue = "") String answer,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Actor actor = actors.current();
        actors.requireRole(actor, HOTLINE);
        Map<String, String> errors = check(form, false);
        if (answer.isBlank() || answer.length() > NewRequest.MAX_TEXT) {
            errors.put("form", msg("console.error.answer"));
        }
        if (!errors.isEmpty()) {
            return refuse(model, form, errors, response, HttpServletResponse.SC_BAD_REQUEST);
        }
        ResidentRequest answered;
        try {
            NewRequest request = toNewRequest(form);
            answered = tx.execute(status -> {
                ResidentRequest saved = intake.receive(request, actor);
                return intake.answerDirectly(saved.id(), answer, actor);
            });
        } catch (JiesuException e) {
            return refuse(
                    model,
                    form,
                    Map.of("form", e.getMessage()),
                    response,
                    e.status().value());
        }
        redirect.addFlashAttribute("csDone", msg("console.entry.answered", answered.trackingCode()));
        return "redirect:/operator/new";
    }

    /**
     * Records a call that repeats an open order's matter and joins it to that order at once (并单 at intake): no new
     * order; the order's reply answers this caller too and they are called back like the first.
     */
    @PostMapping("/operator/new/join")
    String join(
            @ModelAttribute("form") EntryForm form,
            @RequestParam(defaultValue = "") String joinOrderId,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Actor actor = actors.current();
        actors.requireRole(actor, HOTLINE);
        Map<String, String> errors = check(form, false);
        Long into = parseId(joinOrderId);
        if (into == null) {
            errors.put("form", msg("console.error.orderNumber"));
        }
        if (!errors.isEmpty()) {
            return refuse(model, form, errors, response, HttpServletResponse.SC_BAD_REQUEST);
        }
        Order joined;
        try {
            NewRequest request = toNewRequest(form);
            joined = tx.execute(status -> {
                ResidentRequest saved = intake.receive(request, actor);
                return orders.attach(saved.id(), into, msg("console.entry.joinReason"), actor);
            });
        } catch (JiesuException e) {
            return refuse(
                    model,
                    form,
                    Map.of("form", e.getMessage()),
                    response,
                    e.status().value());
        }
        redirect.addFlashAttribute("csDone", msg("console.entry.joined", String.valueOf(joined.id())));
        redirect.addFlashAttribute("csDoneOrder", joined.id());
        return "redirect:/operator/new";
    }

    /** An htmx panel: the caller's earlier requests, found by the number's keyed hash, masked; the lookup is audited. */
    @PostMapping("/operator/new/caller")
    String caller(@RequestParam(defaultValue = "") String contactPhone, Model model) {
        Actor actor = actors.current();
        actors.requireRole(actor, HOTLINE);
        String phone = contactPhone.strip();
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() >= LOOKUP_DIGITS && phone.matches(NewRequest.PHONE)) {
            List<ResidentRequest> earlier = intake.earlierRequestsOf(phone, actor, 10);
            model.addAttribute("earlier", earlier);
            model.addAttribute("looked", true);
        } else {
            model.addAttribute("earlier", List.of());
            model.addAttribute("looked", false);
        }
        return "console/panels :: caller";
    }

    /** An htmx panel: suggested categories, the unit the catalogue gives, possible duplicates, knowledge answers. */
    @PostMapping("/operator/new/suggestions")
    String suggestions(@ModelAttribute("form") EntryForm form, Model model) {
        actors.requireRole(actors.current(), ENTRY);
        String text = form.text() == null ? "" : form.text().strip();
        if (text.length() > NewRequest.MAX_TEXT) {
            text = text.substring(0, NewRequest.MAX_TEXT);
        }
        Classification verdict = categories.classify(text, 3);
        var suggested = verdict.suggestions();
        String chosen = blankToNull(form.categoryCode());
        if (chosen != null && units.findCategory(chosen).isEmpty()) {
            chosen = null;
        }
        String category = chosen != null
                ? chosen
                : suggested.isEmpty() ? null : suggested.get(0).code();
        Long community = parseId(form.communityId());
        Route route = null;
        if (category != null && community != null) {
            try {
                route = units.route(null, null, community, category, Set.of());
            } catch (JiesuException e) {
                route = null;
            }
        }
        model.addAttribute("text", text);
        model.addAttribute("categories", suggested);
        model.addAttribute("verdict", verdict);
        Long routed = route == null ? null : route.unitId();
        model.addAttribute(
                "usualUnit",
                category == null || community == null
                        ? null
                        : models.usualUnit(category, community)
                                .filter(h -> routed == null || h.unitId() != routed)
                                .flatMap(h -> units.find(h.unitId()))
                                .map(u -> u.name())
                                .orElse(null));
        model.addAttribute("chosenCategory", chosen == null ? "" : chosen);
        model.addAttribute("routeCategory", category == null ? "" : views.categoryName(category));
        model.addAttribute("route", route);
        model.addAttribute(
                "similar",
                category == null ? List.of() : orders.similarOpen(text, category, community, null, null, 0, 5));
        KnowledgeAnswers answers = knowledge.getIfAvailable();
        model.addAttribute("knowledgeWired", answers != null);
        model.addAttribute("answers", answers == null || text.isEmpty() ? List.of() : answers.match(text, 3));
        model.addAttribute("consultation", RequestType.CONSULTATION.name().equals(form.type()));
        model.addAttribute("mayAnswer", actors.current().is(HOTLINE));
        return "console/panels :: suggestions";
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private Map<String, String> check(EntryForm form, boolean dispatchNow) {
        Map<String, String> errors = new LinkedHashMap<>();
        String text = form.text() == null ? "" : form.text().strip();
        if (text.isEmpty()) {
            errors.put("text", msg("console.error.text.required"));
        } else if (text.length() > NewRequest.MAX_TEXT) {
            errors.put("text", msg("console.error.tooLong", NewRequest.MAX_TEXT));
        }
        String phone = form.contactPhone() == null ? "" : form.contactPhone().strip();
        if (!phone.isEmpty() && !phone.matches(NewRequest.PHONE)) {
            errors.put("contactPhone", msg("console.error.phone"));
        }
        tooLong(errors, "contactName", form.contactName(), NewRequest.MAX_CONTACT_NAME);
        tooLong(errors, "address", form.address(), NewRequest.MAX_ADDRESS);
        choice(errors, "type", form.type(), RequestType.class);
        choice(errors, "urgency", form.urgency(), Urgency.class);
        choice(errors, "channel", form.channel(), Channel.class);
        String category = blankToNull(form.categoryCode());
        if (category != null && units.findCategory(category).isEmpty()) {
            errors.put("categoryCode", msg("console.error.choice"));
        }
        Long community = null;
        if (blankToNull(form.communityId()) != null) {
            community = parseId(form.communityId());
            if (community == null
                    || units.find(community).filter(u -> u.kind().territorial()).isEmpty()) {
                errors.put("communityId", msg("console.error.choice"));
            }
        }
        Long unit = null;
        if (blankToNull(form.unitId()) != null) {
            unit = parseId(form.unitId());
            if (unit == null || units.find(unit).isEmpty()) {
                errors.put("unitId", msg("console.error.choice"));
            }
        }
        if (dispatchNow && unit == null && !errors.containsKey("unitId")) {
            if (category == null) {
                errors.putIfAbsent("categoryCode", msg("console.error.route.category"));
            }
            if (community == null) {
                errors.putIfAbsent("communityId", msg("console.error.route.place"));
            }
        }
        return errors;
    }

    private void tooLong(Map<String, String> errors, String field, @Nullable String value, int max) {
        if (value != null && value.strip().length() > max) {
            errors.put(field, msg("console.error.tooLong", max));
        }
    }

    private <E extends Enum<E>> void choice(
            Map<String, String> errors, String field, @Nullable String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.put(field, msg("console.error.choice"));
        }
    }

    private static NewRequest toNewRequest(EntryForm form) {
        return new NewRequest(
                form.channel() == null || form.channel().isBlank() ? null : Channel.valueOf(form.channel()),
                form.type() == null || form.type().isBlank() ? null : RequestType.valueOf(form.type()),
                form.text(),
                blankToNull(form.categoryCode()),
                form.urgency() == null || form.urgency().isBlank() ? null : Urgency.valueOf(form.urgency()),
                null,
                null,
                parseId(form.communityId()),
                blankToNull(form.address()),
                blankToNull(form.contactName()),
                blankToNull(form.contactPhone()),
                Boolean.TRUE.equals(form.confidential()));
    }

    private static @Nullable Long parseId(@Nullable String value) {
        if (value == null || !value.strip().matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.valueOf(value.strip());
    }

    private String refuse(
            Model model, EntryForm form, Map<String, String> errors, HttpServletResponse response, int status) {
        response.setStatus(status);
        return show(model, form, errors);
    }

    private String show(Model model, EntryForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("types", RequestType.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute(
                "categoryGroups", FormChoices.categoryGroups(units, name -> msg("common.form.categoryOther", name)));
        model.addAttribute("communityGroups", FormChoices.communityGroups(units));
        model.addAttribute("unitOptions", views.unitOptions());
        model.addAttribute("hotline", actors.current().is(HOTLINE));
        return "console/entry";
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
