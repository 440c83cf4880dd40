package org.jiesu.governance;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * Monthly themes: the list by month, the form that makes a theme from picked clusters, and a theme's page with its
 * clusters, tasks, closing form and effect chart. A bad form comes back with its messages and the values typed.
 */
@Controller
class ThemePages {

    private final Themes themes;
    private final MessageSource messages;

    ThemePages(Themes themes, MessageSource messages) {
        this.themes = themes;
        this.messages = messages;
    }

    @GetMapping("/governance/themes")
    String list(Model model) {
        Map<Themes.Theme, Themes.Effect> all = themes.all();
        Map<String, List<Themes.Theme>> byMonth = all.keySet().stream()
                .collect(Collectors.groupingBy(t -> t.month().toString(), LinkedHashMap::new, Collectors.toList()));
        model.addAttribute("byMonth", byMonth);
        model.addAttribute("effects", all);
        return "governance/themes";
    }

    @GetMapping("/governance/themes/new")
    String create(@RequestParam(name = "cluster", required = false) @Nullable List<String> cluster, Model model) {
        List<Long> wanted = new ArrayList<>();
        if (cluster != null) {
            for (String c : cluster) {
                try {
                    wanted.add(Long.parseLong(c.strip()));
                } catch (NumberFormatException e) {
                    // a stale link preselects nothing
                }
            }
        }
        List<String> preselected =
                themes.survivors(wanted).stream().map(String::valueOf).toList();
        Themes.Draft draft = new Themes.Draft(themes.thisMonth().toString(), "", "", "", preselected, List.of());
        return form(model, draft, wanted, List.of());
    }

    @PostMapping("/governance/themes")
    String create(
            @RequestParam(defaultValue = "") String month,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String leadUnit,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(name = "cluster", required = false) @Nullable List<String> clusters,
            @RequestParam(name = "supporting", required = false) @Nullable List<String> supporting,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Themes.Draft draft = new Themes.Draft(
                month,
                title,
                leadUnit,
                description,
                clusters == null ? List.of() : clusters,
                supporting == null ? List.of() : supporting);
        try {
            long id = themes.create(draft);
            redirect.addFlashAttribute("flashSuccess", text("governance.theme.created", title.strip()));
            return "redirect:/governance/themes/" + id;
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            List<Long> wanted = new ArrayList<>();
            for (String c : draft.clusters()) {
                try {
                    wanted.add(Long.parseLong(c.strip()));
                } catch (NumberFormatException ignored) {
                    // not a cluster
                }
            }
            return form(model, draft, wanted, e.inputProblems());
        }
    }

    @GetMapping("/governance/themes/{id}")
    String theme(@PathVariable long id, Model model) {
        return page(model, id, Themes.TaskDraft.empty(), "", List.of());
    }

    @PostMapping("/governance/themes/{id}/tasks")
    String addTask(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String taskTitle,
            @RequestParam(defaultValue = "") String taskUnit,
            @RequestParam(defaultValue = "") String taskDue,
            @RequestParam(defaultValue = "") String taskNote,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Themes.TaskDraft draft = new Themes.TaskDraft(taskTitle, taskUnit, taskDue, taskNote);
        try {
            themes.addTask(id, draft);
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, id, draft, "", e.inputProblems());
        }
        redirect.addFlashAttribute("flashSuccess", text("governance.theme.task.added", taskTitle.strip()));
        return "redirect:/governance/themes/" + id + "#tasks";
    }

    @PostMapping("/governance/themes/{id}/tasks/{taskId}")
    String markTask(
            @PathVariable long id,
            @PathVariable long taskId,
            @RequestParam(defaultValue = "true") boolean done,
            RedirectAttributes redirect) {
        Themes.Task task = themes.markTask(id, taskId, done);
        redirect.addFlashAttribute(
                "flashSuccess",
                text(done ? "governance.theme.task.markedDone" : "governance.theme.task.markedOpen", task.title()));
        return "redirect:/governance/themes/" + id + "#tasks";
    }

    @PostMapping("/governance/themes/{id}/close")
    String close(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String summary,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            themes.close(id, summary);
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, id, Themes.TaskDraft.empty(), summary, e.inputProblems());
        }
        redirect.addFlashAttribute("flashSuccess", text("governance.theme.closed"));
        return "redirect:/governance/themes/" + id;
    }

    private String form(Model model, Themes.Draft draft, List<Long> wanted, List<InputProblem> problems) {
        model.addAttribute("draft", draft);
        model.addAttribute("clusters", themes.pickable(wanted));
        model.addAttribute("unitChoices", themes.unitChoices());
        model.addAttribute("errors", localized(problems));
        return "governance/theme-new";
    }

    private String page(Model model, long id, Themes.TaskDraft task, String summary, List<InputProblem> problems) {
        Themes.Detail detail = themes.detail(id);
        model.addAttribute("detail", detail);
        model.addAttribute("theme", detail.theme());
        model.addAttribute("effect", detail.effect());
        model.addAttribute("task", task);
        model.addAttribute("summary", summary);
        model.addAttribute("today", themes.today());
        model.addAttribute("unitChoices", themes.unitChoices());
        model.addAttribute("errors", localized(problems));
        model.addAttribute("beforeWeeks", Themes.EFFECT_WEEKS);
        model.addAttribute(
                "chartWeeks",
                detail.effect().series().stream().map(w -> w.from().toString()).collect(Collectors.joining("|")));
        model.addAttribute(
                "chartCounts",
                detail.effect().series().stream()
                        .map(w -> String.valueOf(w.count()))
                        .collect(Collectors.joining("|")));
        return "governance/theme";
    }

    private Map<String, List<String>> localized(List<InputProblem> problems) {
        return InputProblem.byField(problems, messages);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
