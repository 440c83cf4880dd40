package org.jiesu.community;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
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
 * Staff side of "you pick, we test": the unit's polls, opening one, paper codes to hand out, and publishing the
 * inspection results once voting has closed. The service checks who may do each.
 */
@Controller
class PollPages {

    private final Polls polls;
    private final CommunityTexts messages;

    PollPages(Polls polls, CommunityTexts messages) {
        this.polls = polls;
        this.messages = messages;
    }

    @GetMapping("/community/polls")
    String list(Model model) {
        model.addAttribute("polls", polls.managed());
        return "community/poll-list";
    }

    @GetMapping("/community/polls/new")
    String create(Model model) {
        return form(model, Polls.Draft.empty(), List.of());
    }

    @PostMapping("/community/polls")
    String create(
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String opensAt,
            @RequestParam(defaultValue = "") String closesAt,
            @RequestParam(defaultValue = "") String options,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Polls.Draft draft = new Polls.Draft(title, description, opensAt, closesAt, options);
        try {
            long id = polls.open(draft);
            redirect.addFlashAttribute("flashSuccess", messages.text("polls.created", title.strip()));
            return "redirect:/community/polls/" + id;
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return form(model, draft, e.inputProblems());
        }
    }

    @GetMapping("/community/polls/{id}")
    String poll(@PathVariable long id, Model model) {
        return page(model, id, List.of(), Map.of(), List.of());
    }

    @PostMapping("/community/polls/{id}/codes")
    String codes(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String count,
            Model model,
            HttpServletResponse response) {
        try {
            return page(model, id, polls.generateCodes(id, count), Map.of(), List.of());
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, id, List.of(), Map.of(), e.inputProblems());
        }
    }

    /** Every unused code of the poll, to print again. */
    @GetMapping("/community/polls/{id}/codes")
    String unusedCodes(@PathVariable long id, Model model) {
        model.addAttribute("poll", polls.poll(id));
        model.addAttribute("codes", polls.unusedCodes(id));
        return "community/poll-codes";
    }

    @PostMapping("/community/polls/{id}/results")
    String publish(
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        List<Polls.Finding> findings = polls.options(id).stream()
                .map(o -> new Polls.Finding(
                        o.id(),
                        form.getOrDefault("samples-" + o.id(), ""),
                        form.getOrDefault("passed-" + o.id(), ""),
                        form.getOrDefault("failed-" + o.id(), ""),
                        form.getOrDefault("note-" + o.id(), "")))
                .toList();
        try {
            polls.publish(id, findings);
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, id, List.of(), form, e.inputProblems());
        }
        redirect.addFlashAttribute("flashSuccess", messages.text("polls.published"));
        return "redirect:/community/polls/" + id;
    }

    private String form(Model model, Polls.Draft draft, List<InputProblem> problems) {
        polls.requireOpenerNow();
        model.addAttribute("draft", draft);
        model.addAttribute("errors", messages.byField(problems));
        return "community/poll-new";
    }

    private String page(
            Model model, long id, List<String> fresh, Map<String, String> typed, List<InputProblem> problems) {
        model.addAttribute("poll", polls.managedPoll(id));
        model.addAttribute("options", polls.options(id));
        model.addAttribute("tally", polls.tally(id));
        model.addAttribute("codeCount", polls.codeCount(id));
        model.addAttribute("fresh", fresh);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", messages.byField(problems));
        return "community/poll-admin";
    }
}
