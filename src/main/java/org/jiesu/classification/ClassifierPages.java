package org.jiesu.classification;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Category;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
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

/**
 * The administrator's classifier page: the model in use and its score, training with a progress bar, every earlier
 * version with a button to put it back, the imported training texts, and a box to try the model on a sentence.
 */
@Controller
class ClassifierPages {

    private final ClassifierModels models;
    private final CategorySuggester suggester;
    private final UnitDirectory units;
    private final Actors actors;
    private final MessageSource messages;

    ClassifierPages(
            ClassifierModels models,
            CategorySuggester suggester,
            UnitDirectory units,
            Actors actors,
            MessageSource messages) {
        this.models = models;
        this.suggester = suggester;
        this.units = units;
        this.actors = actors;
        this.messages = messages;
    }

    @GetMapping("/admin/classifier")
    String page(@RequestParam(required = false) @Nullable String text, Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        return show(model, text, null);
    }

    /** The progress bar, polled by htmx while a training runs. */
    @GetMapping("/admin/classifier/progress")
    String progress(Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        model.addAttribute("training", models.lastTraining().orElse(null));
        return "classification/models :: progress";
    }

    @PostMapping("/admin/classifier/train")
    String train(RedirectAttributes redirect) {
        try {
            models.startTraining(actors.current());
            redirect.addFlashAttribute("flashSuccess", text("admin.classifier.trainingStarted"));
        } catch (JiesuException e) {
            if (e.status().is5xxServerError() || e.status().value() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", text("admin.classifier.error.running"));
        }
        return "redirect:/admin/classifier";
    }

    @PostMapping("/admin/classifier/models/{version}/activate")
    String activate(@PathVariable int version, RedirectAttributes redirect) {
        models.activate(version, actors.current());
        redirect.addFlashAttribute("flashSuccess", text("admin.classifier.activated", version));
        return "redirect:/admin/classifier";
    }

    @PostMapping("/admin/classifier/import")
    String importFile(
            @RequestParam(required = false) @Nullable MultipartFile file,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        actors.requireRole(actors.current(), Role.ADMIN);
        if (file == null || file.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(model, null, text("admin.classifier.error.noFile"));
        }
        String name =
                file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                        ? "upload.csv"
                        : file.getOriginalFilename();
        try {
            ClassifierModels.ImportReport report = models.importSamples(file.getBytes(), name, actors.current());
            redirect.addFlashAttribute("flashSuccess", text("admin.classifier.imported", report.texts(), name));
            return "redirect:/admin/classifier";
        } catch (JiesuException e) {
            response.setStatus(e.status().value());
            return show(model, null, e.getMessage());
        } catch (IOException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(model, null, text("admin.classifier.error.unreadable"));
        }
    }

    @PostMapping("/admin/classifier/samples/clear")
    String clear(RedirectAttributes redirect) {
        int removed = models.clearSamples(actors.current());
        redirect.addFlashAttribute("flashSuccess", text("admin.classifier.cleared", removed));
        return "redirect:/admin/classifier";
    }

    private String show(Model model, @Nullable String text, @Nullable String fileError) {
        var versions = models.versions();
        model.addAttribute("versions", versions);
        model.addAttribute(
                "active", versions.stream().filter(v -> v.active()).findFirst().orElse(null));
        model.addAttribute("training", models.lastTraining().orElse(null));
        Map<String, String> names = new LinkedHashMap<>();
        units.categories().forEach(c -> names.put(c.code(), label(c)));
        Map<String, Long> samples = new LinkedHashMap<>();
        models.sampleCounts().forEach((code, n) -> samples.put(names.getOrDefault(code, code), n));
        model.addAttribute("samples", samples);
        model.addAttribute(
                "sampleTotal",
                samples.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute("corrections", models.correctionCount());
        model.addAttribute("categoryNames", names);
        model.addAttribute("fileError", fileError);
        model.addAttribute("maxMegabytes", ClassifierModels.MAX_IMPORT_BYTES / 1024 / 1024);
        String tried = text == null ? "" : text.length() > 2000 ? text.substring(0, 2000) : text;
        model.addAttribute("tryText", tried);
        model.addAttribute("tried", tried.isBlank() ? null : suggester.classify(tried, 3));
        return "classification/models";
    }

    private String label(Category c) {
        return c.parentCode() == null
                ? c.name()
                : units.findCategory(c.parentCode()).map(p -> p.name() + " › ").orElse("") + c.name();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
