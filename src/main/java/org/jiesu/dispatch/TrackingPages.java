package org.jiesu.dispatch;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jiesu.intake.Intake;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.platform.JiesuException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The resident's tracking page: the request's public progress, deadline and reply by its tracking code, its photos
 * unless it is confidential, and the resident's rating once it is replied to. Never a contact, never a staff name.
 */
@Controller
class TrackingPages {

    /** The five steps a resident follows, and the public states that reach each. */
    enum Progress {
        RECEIVED,
        DISPATCHED,
        HANDLING,
        REPLIED,
        CLOSED;

        static Progress of(String publicStatus) {
            return switch (publicStatus) {
                case "DISPATCHED" -> DISPATCHED;
                case "SIGNED" -> HANDLING;
                case "REPLIED" -> REPLIED;
                case "CLOSED", "ANSWERED" -> CLOSED;
                default -> RECEIVED;
            };
        }
    }

    record ProgressStep(Progress step, @Nullable Instant at, boolean done, boolean current) {}

    record RatingForm(
            @Nullable String code,
            @Nullable String resolved,
            @Nullable String satisfaction,
            @Nullable String comment) {

        static RatingForm empty(String code) {
            return new RatingForm(code, "", "", "");
        }
    }

    private final Orders orders;
    private final Intake intake;
    private final ResidentRatings ratings;
    private final MessageSource messages;

    TrackingPages(Orders orders, Intake intake, ResidentRatings ratings, MessageSource messages) {
        this.orders = orders;
        this.intake = intake;
        this.ratings = ratings;
        this.messages = messages;
    }

    @GetMapping("/track")
    String track(@RequestParam(required = false) @Nullable String code, Model model, HttpServletResponse response) {
        String c = code == null ? "" : code.strip();
        model.addAttribute("code", c);
        if (!c.isEmpty()) {
            if (!show(model, c, RatingForm.empty(c), Map.of())) {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            }
        }
        return "dispatch/track";
    }

    @PostMapping("/track/rating")
    String rate(
            @ModelAttribute("ratingForm") RatingForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String code = form.code() == null ? "" : form.code().strip();
        model.addAttribute("code", code);
        Map<String, String> errors = new LinkedHashMap<>();
        if (!"yes".equals(form.resolved()) && !"no".equals(form.resolved())) {
            errors.put("resolved", text("resident.error.rating.resolved"));
        }
        if (form.satisfaction() == null || !ResidentRating.SATISFACTIONS.contains(form.satisfaction())) {
            errors.put("satisfaction", text("resident.error.rating.satisfaction"));
        }
        if (form.comment() != null && form.comment().strip().length() > ResidentRating.MAX_COMMENT) {
            errors.put("comment", text("resident.error.tooLong", ResidentRating.MAX_COMMENT));
        }
        if (errors.isEmpty()) {
            try {
                ratings.rate(code, "yes".equals(form.resolved()), form.satisfaction(), form.comment());
                redirect.addFlashAttribute("rated", true);
                redirect.addAttribute("code", code);
                return "redirect:/track";
            } catch (JiesuException e) {
                response.setStatus(e.status().value());
                errors.put(
                        "rating",
                        switch (e.status()) {
                            case NOT_FOUND -> text("resident.track.notFound.title");
                            case CONFLICT ->
                                ratings.forRequest(requestId(code)).isPresent()
                                        ? text("resident.error.rating.twice")
                                        : text("resident.error.rating.early");
                            default -> e.getMessage();
                        });
            }
        } else {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        if (!show(model, code, form, errors)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        return "dispatch/track";
    }

    /** Fills the model for the request with this code; false when there is none. */
    private boolean show(Model model, String code, RatingForm form, Map<String, String> errors) {
        Optional<ResidentRequest> found = intake.findByTrackingCode(code);
        if (found.isEmpty()) {
            model.addAttribute("notFound", true);
            return false;
        }
        ResidentRequest r = found.get();
        RequestTracking tracking = orders.track(r.trackingCode());
        model.addAttribute("tracking", tracking);
        model.addAttribute("progress", progress(tracking));
        model.addAttribute("reply", reply(tracking));
        model.addAttribute("photoIds", intake.publicPhotoIds(r.trackingCode()));
        model.addAttribute("rating", ratings.forRequest(r.id()).orElse(null));
        model.addAttribute("rateable", ResidentRatings.RATEABLE.contains(tracking.status()));
        model.addAttribute("ratingForm", form);
        model.addAttribute("errors", errors);
        model.addAttribute("satisfactions", ResidentRating.SATISFACTIONS);
        return true;
    }

    /** The latest reply of the handling unit, or the hotline's direct answer. */
    private static @Nullable String reply(RequestTracking t) {
        String reply = t.answer();
        for (RequestTracking.Step s : t.steps()) {
            if ((s.what().equals("REPLY") || s.what().equals("FINAL_REPLY")) && s.detail() != null) {
                reply = s.detail();
            }
        }
        return reply;
    }

    private long requestId(String code) {
        return intake.findByTrackingCode(code).map(ResidentRequest::id).orElse(-1L);
    }

    static List<ProgressStep> progress(RequestTracking t) {
        Progress now = Progress.of(t.status());
        Map<Progress, Instant> at = new LinkedHashMap<>();
        at.put(Progress.RECEIVED, t.receivedAt());
        for (RequestTracking.Step s : t.steps()) {
            Progress p = switch (s.what()) {
                case "DISPATCH" -> Progress.DISPATCHED;
                case "SIGN" -> Progress.HANDLING;
                case "REPLY", "FINAL_REPLY" -> Progress.REPLIED;
                case "CLOSE", "ANSWERED" -> Progress.CLOSED;
                default -> null;
            };
            // The first time a step was reached; a redo that goes back keeps the earlier time.
            if (p != null) {
                at.putIfAbsent(p, s.at());
            }
        }
        List<ProgressStep> steps = new ArrayList<>();
        for (Progress p : Progress.values()) {
            boolean done = p.ordinal() <= now.ordinal();
            steps.add(new ProgressStep(p, done ? at.get(p) : null, done, p == now));
        }
        return steps;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
