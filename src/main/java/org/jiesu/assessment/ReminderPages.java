package org.jiesu.assessment;

import java.time.YearMonth;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What the monthly reminders sent, month by month; an administrator may run a month by hand. */
@Controller
class ReminderPages {

    private final Reminders reminders;
    private final Actors actors;

    ReminderPages(Reminders reminders, Actors actors) {
        this.reminders = reminders;
        this.actors = actors;
    }

    @GetMapping("/assessment/reminders")
    String list(@RequestParam(required = false) String month, Model model) {
        Actor actor = actors.current();
        YearMonth shown = month(month);
        model.addAttribute("month", shown);
        model.addAttribute("sent", reminders.sent(actor, shown));
        model.addAttribute("thresholds", reminders.thresholds());
        model.addAttribute("mayRun", actor.is(Role.ADMIN));
        model.addAttribute("previous", shown.minusMonths(1));
        model.addAttribute("next", shown.isBefore(reminders.lastMonth()) ? shown.plusMonths(1) : null);
        return "assessment/reminders";
    }

    @PostMapping("/assessment/reminders/run")
    String run(@RequestParam(required = false) String month, RedirectAttributes redirect) {
        Reminders.Run run = reminders.runFor(actors.current(), month(month));
        redirect.addAttribute("month", run.month().toString());
        redirect.addFlashAttribute("run", run);
        return "redirect:/assessment/reminders";
    }

    private YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            return reminders.lastMonth();
        }
        return Period.parseMonth(text).orElseThrow(() -> JiesuException.invalid("Write the month as 2026-10."));
    }
}
