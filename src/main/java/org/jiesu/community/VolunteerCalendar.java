package org.jiesu.community;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.units.Unit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public calendar of coming volunteer activities, by community, as cards grouped by day with their free places
 * and a sign-up form; the page that shows a new sign-up's code once; and cancelling by that code. It shows no name
 * of anyone who signed up.
 */
@Controller
class VolunteerCalendar {

    private final VolunteerServices volunteers;
    private final CommunityTexts texts;

    VolunteerCalendar(VolunteerServices volunteers, CommunityTexts texts) {
        this.volunteers = volunteers;
        this.texts = texts;
    }

    @GetMapping("/public/activities")
    String calendar(@RequestParam(defaultValue = "") String community, Model model, HttpServletResponse response) {
        Optional<Unit> chosen;
        try {
            chosen = volunteers.community(community);
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, Optional.empty(), null, "", e.inputProblems());
        }
        return page(model, chosen, null, "", List.of());
    }

    @PostMapping("/public/activities/{id}/signups")
    String signUp(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String community,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Optional<Unit> chosen = Optional.empty();
        try {
            chosen = volunteers.community(community);
        } catch (InputRefusal ignored) {
            // a stale filter does not stand in the way of signing up
        }
        try {
            VolunteerServices.SignedUp signed = volunteers.signUp(id, displayName);
            // Shown once after a redirect, so that reloading the page does not sign up a second time.
            redirect.addFlashAttribute("signed", signed);
            redirect.addFlashAttribute("activity", signed.activity());
            redirect.addFlashAttribute(
                    "communityLabel", volunteers.label(signed.activity().community()));
            redirect.addFlashAttribute("displayName", displayName.strip());
            return "redirect:/public/activities/signed";
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, chosen, id, displayName, e.inputProblems());
        }
    }

    /** The sign-up code, once: a reload or a later visit finds the calendar instead. */
    @GetMapping("/public/activities/signed")
    String signed(Model model) {
        if (!model.containsAttribute("signed")) {
            return "redirect:/public/activities";
        }
        return "community/volunteer-signed";
    }

    @PostMapping("/public/activities/cancel")
    String cancel(
            @RequestParam(defaultValue = "") String code,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            VolunteerServices.Activity activity = volunteers.cancel(code);
            redirect.addFlashAttribute("flashSuccess", texts.text("volunteers.cancel.done", activity.title()));
            return "redirect:/public/activities?community="
                    + activity.community().id();
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            model.addAttribute("code", code);
            return page(model, Optional.empty(), null, "", e.inputProblems());
        }
    }

    private String page(
            Model model,
            Optional<Unit> chosen,
            @Nullable Long failedActivity,
            String displayName,
            List<InputProblem> problems) {
        List<VolunteerServices.Activity> coming =
                volunteers.coming(chosen.map(Unit::id).orElse(null));
        Map<LocalDate, List<VolunteerServices.Activity>> byDay = new LinkedHashMap<>();
        for (VolunteerServices.Activity a : coming) {
            byDay.computeIfAbsent(
                            a.startsAt().atZone(volunteers.zone()).toLocalDate(), d -> new java.util.ArrayList<>())
                    .add(a);
        }
        model.addAttribute("byDay", byDay);
        model.addAttribute("communities", volunteers.communities());
        model.addAttribute("view", volunteers.view());
        model.addAttribute("chosen", chosen.map(u -> "" + u.id()).orElse(""));
        model.addAttribute("chosenLabel", chosen.map(volunteers::label).orElse(""));
        model.addAttribute("failedActivity", failedActivity);
        model.addAttribute("displayName", displayName);
        if (!model.containsAttribute("code")) {
            model.addAttribute("code", "");
        }
        model.addAttribute("errors", texts.byField(problems));
        return "community/volunteer-calendar";
    }
}
