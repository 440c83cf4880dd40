package org.jiesu.dispatch;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;
import org.jiesu.platform.UploadedText;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's screens for time limits (with their history) and the working calendar. */
@Controller
class TimeLimitPages {

    /** The form as posted; the amount stays text so that a wrong one becomes a message, not a binding failure. */
    record RuleInput(
            @Nullable String amount,
            @Nullable String unit,
            @Nullable String reason) {}

    private final TimeLimits limits;
    private final Actors actors;
    private final Clock clock;
    private final ZoneId zone;
    private final MessageSource messages;

    TimeLimitPages(
            TimeLimits limits,
            Actors actors,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone,
            MessageSource messages) {
        this.limits = limits;
        this.actors = actors;
        this.clock = clock;
        this.zone = zone;
        this.messages = messages;
    }

    @GetMapping("/admin/time-rules")
    String rules(Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        return rulesPage(model, null, null, Map.of());
    }

    @PostMapping("/admin/time-rules/{name}")
    String change(
            @PathVariable String name,
            RuleInput input,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            Long amount = FormValues.id(input.amount(), "amount");
            if (amount != null && (amount > Integer.MAX_VALUE || amount < Integer.MIN_VALUE)) {
                throw JiesuException.invalid("amount: at most " + TimeLimits.MAX_AMOUNT + ".");
            }
            TimeRuleView after = limits.change(
                    name, amount == null ? null : amount.intValue(), input.unit(), input.reason(), actors.current());
            redirect.addFlashAttribute(
                    "flashSuccess",
                    text(
                            "admin.timeRules.changed",
                            text("timeRule." + name),
                            after.amount() + " " + text("timeUnit." + after.unit())));
            return "redirect:/admin/time-rules";
        } catch (JiesuException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            // The service names the field before a colon: the message goes next to that field.
            String message = e.getMessage() == null ? "" : e.getMessage();
            int colon = message.indexOf(':');
            String field = colon > 0 ? message.substring(0, colon) : "amount";
            if (!Set.of("amount", "unit", "reason").contains(field)) {
                field = "amount";
            }
            response.setStatus(422);
            return rulesPage(
                    model, name, input, Map.of(field, text("admin.timeRules.error." + field, TimeLimits.MAX_AMOUNT)));
        }
    }

    private String rulesPage(
            Model model, @Nullable String rule, @Nullable RuleInput typed, Map<String, String> errors) {
        model.addAttribute("rules", limits.rules());
        model.addAttribute("history", limits.history());
        model.addAttribute("errorRule", rule);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        return "dispatch/time-rules";
    }

    @GetMapping("/admin/calendar")
    String calendar(@RequestParam(required = false) @Nullable Integer year, Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        return calendarPage(year, model);
    }

    private String calendarPage(@Nullable Integer year, Model model) {
        int shown = year != null && year >= 1949 && year <= 2200
                ? year
                : clock.instant().atZone(zone).getYear();
        TreeSet<Integer> years = new TreeSet<>(limits.years());
        years.add(shown);
        model.addAttribute("year", shown);
        model.addAttribute("years", List.copyOf(years));
        model.addAttribute("days", limits.days(shown));
        return "dispatch/calendar";
    }

    @PostMapping("/admin/calendar/import")
    String importFile(
            @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable String text,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            String content = file != null && !file.isEmpty() ? read(file) : text;
            if (content == null || content.isBlank()) {
                response.setStatus(422);
                model.addAttribute("fileError", text("admin.calendar.error.empty"));
                return calendarPage(null, model);
            }
            TimeLimits.Imported done = limits.importFile(content, actors.current());
            redirect.addFlashAttribute(
                    "flashSuccess",
                    text(
                            "admin.calendar.imported",
                            done.years().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                            done.days()));
            return "redirect:/admin/calendar?year=" + done.years().get(0);
        } catch (JiesuException e) {
            response.setStatus(422);
            model.addAttribute("fileError", text("admin.calendar.error.refused"));
            model.addAttribute("problems", e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems());
            // What was pasted stays in the box, to be corrected there.
            model.addAttribute("typedText", text);
            return calendarPage(null, model);
        }
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /** Judged by its content, whatever the file's name or declared type says. */
    private static String read(MultipartFile file) {
        try {
            return UploadedText.decode(file.getBytes(), "a calendar CSV file");
        } catch (IOException e) {
            throw JiesuException.invalid("The file could not be read: please upload it again.");
        }
    }
}
