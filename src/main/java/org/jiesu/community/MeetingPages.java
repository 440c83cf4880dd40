package org.jiesu.community;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.jiesu.intake.RequestType;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.units.UnitDirectory;
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
 * The staff side of consultation meetings: the list with the form that schedules one, and a meeting's page where its
 * organisers report the head count and minutes and record the matters raised. A refused form comes back as typed,
 * with each problem named.
 */
@Controller
class MeetingPages {

    private final Meetings meetings;
    private final Actors actors;
    private final UnitDirectory units;
    private final MessageSource messages;

    MeetingPages(Meetings meetings, Actors actors, UnitDirectory units, MessageSource messages) {
        this.meetings = meetings;
        this.actors = actors;
        this.units = units;
        this.messages = messages;
    }

    @GetMapping("/community/meetings")
    String list(Model model) {
        return list(model, Meetings.Draft.empty(), List.of());
    }

    @PostMapping("/community/meetings")
    String schedule(
            @RequestParam(defaultValue = "") String unitId,
            @RequestParam(defaultValue = "") String date,
            @RequestParam(defaultValue = "") String time,
            @RequestParam(defaultValue = "") String place,
            @RequestParam(defaultValue = "") String topic,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Meetings.Draft draft = new Meetings.Draft(unitId, date, time, place, topic);
        try {
            long id = meetings.schedule(draft, actors.current());
            redirect.addFlashAttribute("flashSuccess", text("meetings.scheduled", topic.strip()));
            return "redirect:/community/meetings/" + id;
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return list(model, draft, e.inputProblems());
        }
    }

    @GetMapping("/community/meetings/{id}")
    String meeting(@PathVariable long id, Model model) {
        return page(model, id, null, Meetings.MatterDraft.empty(), List.of());
    }

    @PostMapping("/community/meetings/{id}/report")
    String report(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String attendance,
            @RequestParam(defaultValue = "") String minutes,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Meetings.Report report = new Meetings.Report(attendance, minutes);
        try {
            meetings.report(id, report, actors.current());
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, id, report, Meetings.MatterDraft.empty(), e.inputProblems());
        }
        redirect.addFlashAttribute("flashSuccess", text("meetings.reported"));
        return "redirect:/community/meetings/" + id;
    }

    @PostMapping("/community/meetings/{id}/matters")
    String raise(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String type,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "") String categoryCode,
            @RequestParam(defaultValue = "") String address,
            @RequestParam(defaultValue = "false") boolean confidential,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Meetings.MatterDraft draft = new Meetings.MatterDraft(type, text, categoryCode, address, confidential);
        ResidentRequest request;
        try {
            request = meetings.raise(id, draft, actors.current());
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, id, null, draft, e.inputProblems());
        }
        redirect.addFlashAttribute("flashSuccess", text("meetings.matter.recorded", request.trackingCode()));
        return "redirect:/community/meetings/" + id + "#matters";
    }

    private String list(Model model, Meetings.Draft draft, List<InputProblem> problems) {
        Actor actor = actors.current();
        model.addAttribute("meetings", meetings.forActor(actor));
        model.addAttribute("unitChoices", meetings.unitChoices(actor));
        model.addAttribute("draft", draft);
        model.addAttribute("today", meetings.today());
        model.addAttribute("errors", localized(problems));
        return "community/meetings";
    }

    private String page(
            Model model, long id, Meetings.Report report, Meetings.MatterDraft matter, List<InputProblem> problems) {
        Actor actor = actors.current();
        Meetings.Meeting meeting = meetings.forStaff(id, actor);
        if (report == null) {
            report = new Meetings.Report(
                    meeting.attendance() == null ? "" : String.valueOf(meeting.attendance()),
                    meeting.minutes() == null ? "" : meeting.minutes());
        }
        model.addAttribute("meeting", meeting);
        model.addAttribute("held", meetings.held(meeting));
        model.addAttribute("matters", meetings.mattersForStaff(id, actor));
        model.addAttribute("report", report);
        model.addAttribute("matter", matter);
        model.addAttribute("categories", units.categories());
        model.addAttribute("types", RequestType.values());
        model.addAttribute("errors", localized(problems));
        return "community/meeting";
    }

    private Map<String, List<String>> localized(List<InputProblem> problems) {
        return InputProblem.byField(problems, messages);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
