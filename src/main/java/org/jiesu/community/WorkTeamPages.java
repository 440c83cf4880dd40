package org.jiesu.community;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff pages for work teams: the list of teams with their stations and members and the forms that add them, and the
 * yearly assessment. The services check the role and scope; a bad form comes back with its messages and values.
 */
@Controller
class WorkTeamPages {

    private final WorkTeams teams;
    private final WorkTeamAssessment assessment;
    private final MessageSource messages;

    WorkTeamPages(WorkTeams teams, WorkTeamAssessment assessment, MessageSource messages) {
        this.teams = teams;
        this.assessment = assessment;
        this.messages = messages;
    }

    @GetMapping("/community/work-teams")
    String list(Model model) {
        model.addAttribute("teams", teams.teams());
        return "community/work-teams";
    }

    @GetMapping("/community/work-teams/{id}")
    String team(@PathVariable long id, Model model) {
        return page(model, id, WorkTeams.StationDraft.empty(), WorkTeams.MemberDraft.empty(), List.of());
    }

    @PostMapping("/community/work-teams/{id}/stations")
    String station(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String village,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        WorkTeams.StationDraft draft = new WorkTeams.StationDraft(village, from, to);
        try {
            teams.station(id, draft);
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, id, draft, WorkTeams.MemberDraft.empty(), e.inputProblems());
        }
        redirect.addFlashAttribute("flashSuccess", text("workteams.stationed"));
        return "redirect:/community/work-teams/" + id;
    }

    @PostMapping("/community/work-teams/{id}/members")
    String member(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String post,
            @RequestParam(defaultValue = "") String organisation,
            @RequestParam(defaultValue = "") String memberFrom,
            @RequestParam(defaultValue = "") String memberTo,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        WorkTeams.MemberDraft draft = new WorkTeams.MemberDraft(name, post, organisation, memberFrom, memberTo);
        try {
            teams.addMember(id, draft);
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, id, WorkTeams.StationDraft.empty(), draft, e.inputProblems());
        }
        redirect.addFlashAttribute("flashSuccess", text("workteams.memberAdded"));
        return "redirect:/community/work-teams/" + id + "#members";
    }

    @GetMapping("/community/work-teams/assessment")
    String assessment(
            @RequestParam(required = false) @Nullable Integer year,
            @RequestParam(required = false) @Nullable Long scheme,
            Model model) {
        int y = year == null ? assessment.thisYear() : year;
        model.addAttribute("result", assessment.year(y, scheme));
        return "community/work-team-assessment";
    }

    private String page(
            Model model,
            long id,
            WorkTeams.StationDraft station,
            WorkTeams.MemberDraft member,
            List<InputProblem> problems) {
        model.addAttribute("team", teams.team(id));
        model.addAttribute("villages", teams.villages());
        model.addAttribute("posts", WorkTeams.Post.values());
        model.addAttribute("station", station);
        model.addAttribute("member", member);
        model.addAttribute("today", teams.today());
        model.addAttribute("errors", localized(problems));
        return "community/work-team";
    }

    private Map<String, List<String>> localized(List<InputProblem> problems) {
        return InputProblem.byField(problems, messages);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
