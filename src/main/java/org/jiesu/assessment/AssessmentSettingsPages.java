package org.jiesu.assessment;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's page for how the three rates are counted: weights, the weight of basically satisfied, the
 * exclusions, each change from a month on with its history; and the rebuild of the rollups.
 */
@Controller
class AssessmentSettingsPages {

    private final AssessmentSettings settings;
    private final Rates rates;
    private final Rollups rollups;
    private final Actors actors;
    private final MessageSource messages;

    AssessmentSettingsPages(
            AssessmentSettings settings, Rates rates, Rollups rollups, Actors actors, MessageSource messages) {
        this.settings = settings;
        this.rates = rates;
        this.rollups = rollups;
        this.actors = actors;
        this.messages = messages;
    }

    @GetMapping("/admin/assessment")
    String page(Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        RateSettings now = settings.inForce(rates.thisMonth());
        AssessmentSettings.Change form = new AssessmentSettings.Change(
                rates.thisMonth().plusMonths(1).toString(),
                String.valueOf(now.weightResponse()),
                String.valueOf(now.weightResolution()),
                String.valueOf(now.weightSatisfaction()),
                String.valueOf(now.basicSatisfaction()),
                now.excludeReturned(),
                now.excludeFinalReply(),
                now.excludeMerged(),
                "");
        return show(model, form, null);
    }

    @PostMapping("/admin/assessment")
    String change(
            @ModelAttribute AssessmentSettings.Change form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            RateSettings saved = settings.change(actors.current(), form);
            redirect.addFlashAttribute(
                    "flashSuccess",
                    text("admin.assessment.saved", saved.validFrom().toString()));
            return "redirect:/admin/assessment";
        } catch (JiesuException e) {
            if (e.status().value() == 403) {
                throw e;
            }
            response.setStatus(e.status().value());
            return show(model, form, e);
        }
    }

    @PostMapping("/admin/assessment/rebuild")
    String rebuild(RedirectAttributes redirect) {
        actors.requireRole(actors.current(), Role.ADMIN);
        Duration took = rollups.rebuild();
        redirect.addFlashAttribute("flashSuccess", text("admin.assessment.rebuilt", took.toMillis()));
        return "redirect:/admin/assessment";
    }

    private String show(Model model, AssessmentSettings.Change form, @Nullable JiesuException error) {
        model.addAttribute("form", form);
        model.addAttribute("current", settings.inForce(rates.thisMonth()));
        model.addAttribute("history", settings.history());
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (error != null) {
            for (String p : error.problems().isEmpty() ? java.util.List.of(error.getMessage()) : error.problems()) {
                String field = p.contains(":") ? p.substring(0, p.indexOf(':')) : "";
                problems.add(
                        switch (field) {
                            case "validFrom", "basicSatisfaction", "note" -> text("admin.assessment.error." + field);
                            case "weightResponse", "weightResolution", "weightSatisfaction" ->
                                text("admin.assessment.error.weight", text("admin.assessment." + field));
                            case "weights" -> text("admin.assessment.error.weights", sum(form));
                            default -> p;
                        });
            }
        }
        model.addAttribute("problems", problems);
        return "assessment/settings";
    }

    private static long sum(AssessmentSettings.Change form) {
        long sum = 0;
        for (String w : new String[] {form.weightResponse(), form.weightResolution(), form.weightSatisfaction()}) {
            try {
                sum += Long.parseLong(w == null ? "0" : w.strip());
            } catch (NumberFormatException e) {
                // named as its own problem
            }
        }
        return sum;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
