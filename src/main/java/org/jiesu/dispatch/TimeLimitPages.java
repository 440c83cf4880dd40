package org.jiesu.dispatch;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;
import org.jiesu.platform.UploadedText;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
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

    TimeLimitPages(TimeLimits limits, Actors actors, Clock clock, @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.limits = limits;
        this.actors = actors;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping("/admin/time-rules")
    String rules(Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        model.addAttribute("rules", limits.rules());
        model.addAttribute("history", limits.history());
        return "dispatch/time-rules";
    }

    @PostMapping("/admin/time-rules/{name}")
    String change(@PathVariable String name, RuleInput input, RedirectAttributes redirect) {
        try {
            Long amount = FormValues.id(input.amount(), "amount");
            if (amount != null && (amount > Integer.MAX_VALUE || amount < Integer.MIN_VALUE)) {
                throw JiesuException.invalid("amount: at most " + TimeLimits.MAX_AMOUNT + ".");
            }
            TimeRuleView after = limits.change(
                    name, amount == null ? null : amount.intValue(), input.unit(), input.reason(), actors.current());
            redirect.addFlashAttribute(
                    "flashSuccess", "时限 " + name + " 已改为 " + after.amount() + " " + after.unit() + "，已记入修改记录。");
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/admin/time-rules";
    }

    @GetMapping("/admin/calendar")
    String calendar(@RequestParam(required = false) @Nullable Integer year, Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
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
            RedirectAttributes redirect) {
        try {
            String content = file != null && !file.isEmpty() ? read(file) : text;
            TimeLimits.Imported done = limits.importFile(content, actors.current());
            redirect.addFlashAttribute("flashSuccess", "工作日历已导入：" + done.years() + " 年，共 " + done.days() + " 个特殊日期。");
            return "redirect:/admin/calendar?year=" + done.years().get(0);
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/admin/calendar";
        }
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
