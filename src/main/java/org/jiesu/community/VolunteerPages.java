package org.jiesu.community;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff pages of volunteer services: the teams one may manage, a team with its activities, and an activity with the
 * names signed up and the people served. A bad form comes back with its messages and the values typed.
 */
@Controller
class VolunteerPages {

    private final VolunteerServices volunteers;
    private final CommunityTexts texts;
    private final VolunteerRetention retention;

    VolunteerPages(VolunteerServices volunteers, CommunityTexts texts, VolunteerRetention retention) {
        this.volunteers = volunteers;
        this.texts = texts;
        this.retention = retention;
    }

    @GetMapping("/community/volunteers")
    String teams(Model model) {
        return teamsPage(model, VolunteerServices.TeamDraft.empty(), List.of());
    }

    @PostMapping("/community/volunteers/teams")
    String createTeam(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String organisation,
            @RequestParam(defaultValue = "") String unit,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        VolunteerServices.TeamDraft draft = new VolunteerServices.TeamDraft(name, organisation, unit);
        try {
            long id = volunteers.createTeam(draft);
            redirect.addFlashAttribute("flashSuccess", texts.text("volunteers.team.created", name.strip()));
            return "redirect:/community/volunteers/teams/" + id;
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return teamsPage(model, draft, e.inputProblems());
        }
    }

    @GetMapping("/community/volunteers/teams/{id}")
    String team(@PathVariable long id, Model model) {
        return teamPage(model, id, VolunteerServices.ActivityDraft.empty(), List.of());
    }

    @PostMapping("/community/volunteers/teams/{id}/activities")
    String createActivity(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String community,
            @RequestParam(defaultValue = "") String place,
            @RequestParam(defaultValue = "") String startsAt,
            @RequestParam(defaultValue = "") String endsAt,
            @RequestParam(defaultValue = "") String capacity,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        VolunteerServices.ActivityDraft draft =
                new VolunteerServices.ActivityDraft(kind, title, community, place, startsAt, endsAt, capacity);
        try {
            long activity = volunteers.createActivity(id, draft);
            redirect.addFlashAttribute("flashSuccess", texts.text("volunteers.activity.created", title.strip()));
            return "redirect:/community/volunteers/activities/" + activity;
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return teamPage(model, id, draft, e.inputProblems());
        }
    }

    @GetMapping("/community/volunteers/activities/{id}")
    String activity(@PathVariable long id, Model model) {
        return activityPage(model, id, "", List.of());
    }

    @PostMapping("/community/volunteers/activities/{id}/served")
    String served(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String served,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            volunteers.recordServed(id, served);
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return activityPage(model, id, served, e.inputProblems());
        }
        redirect.addFlashAttribute("flashSuccess", texts.text("volunteers.served.recorded", served.strip()));
        return "redirect:/community/volunteers/activities/" + id;
    }

    private String teamsPage(Model model, VolunteerServices.TeamDraft draft, List<InputProblem> problems) {
        model.addAttribute("teams", volunteers.teams());
        model.addAttribute("unitChoices", volunteers.managingUnits());
        model.addAttribute("draft", draft);
        model.addAttribute("errors", texts.byField(problems));
        return "community/volunteer-teams";
    }

    private String teamPage(Model model, long id, VolunteerServices.ActivityDraft draft, List<InputProblem> problems) {
        model.addAttribute("team", volunteers.team(id));
        model.addAttribute("activities", volunteers.activities(id));
        model.addAttribute("kinds", VolunteerKind.values());
        model.addAttribute("communities", volunteers.communities());
        model.addAttribute("view", volunteers.view());
        model.addAttribute("now", volunteers.now());
        model.addAttribute("draft", draft);
        model.addAttribute("errors", texts.byField(problems));
        return "community/volunteer-team";
    }

    private String activityPage(Model model, long id, String served, List<InputProblem> problems) {
        VolunteerServices.Activity activity = volunteers.activity(id);
        model.addAttribute("activity", activity);
        model.addAttribute("signUps", volunteers.signUps(id));
        model.addAttribute("started", !activity.startsAt().isAfter(volunteers.now()));
        model.addAttribute("keepDays", retention.keepNames().toDays());
        model.addAttribute(
                "namesForgotten", activity.endsAt().isBefore(volunteers.now().minus(retention.keepNames())));
        model.addAttribute("served", served.isEmpty() && activity.served() != null ? "" + activity.served() : served);
        model.addAttribute("communityLabel", volunteers.label(activity.community()));
        model.addAttribute("errors", texts.byField(problems));
        return "community/volunteer-activity";
    }
}
