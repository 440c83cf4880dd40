package org.jiesu.assessment;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Assessment schemes: the list, the administrator's form with criteria rows, the grid of scores with evidence and
 * the results with stars and the 361 grade.
 */
@Controller
class SchemePages {

    private final Schemes schemes;
    private final Rates rates;
    private final Actors actors;
    private final MessageSource messages;

    SchemePages(Schemes schemes, Rates rates, Actors actors, MessageSource messages) {
        this.schemes = schemes;
        this.rates = rates;
        this.actors = actors;
        this.messages = messages;
    }

    @GetMapping("/assessment/schemes")
    String list(Model model) {
        model.addAttribute("schemes", schemes.all());
        model.addAttribute("admin", actors.current().is(Role.ADMIN));
        model.addAttribute("period", AssessmentPeriod.month(rates.thisMonth()).key());
        return "assessment/schemes";
    }

    @GetMapping("/assessment/schemes/new")
    String create(Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        return form(model, null, SchemeDraft.example(), List.of());
    }

    @PostMapping("/assessment/schemes")
    String create(HttpServletRequest request, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        actors.requireRole(actors.current(), Role.ADMIN);
        SchemeDraft draft = draft(request);
        try {
            long id = schemes.create(draft);
            redirect.addFlashAttribute(
                    "flashSuccess", text("scheme.saved", draft.name().strip()));
            return "redirect:/assessment/schemes#scheme-" + id;
        } catch (InputRefusal e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, null, draft, e.inputProblems());
        }
    }

    @GetMapping("/assessment/schemes/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        return form(model, id, SchemeDraft.of(schemes.scheme(id)), List.of());
    }

    @PostMapping("/assessment/schemes/{id}")
    String update(
            @PathVariable long id,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        actors.requireRole(actors.current(), Role.ADMIN);
        schemes.scheme(id);
        SchemeDraft draft = draft(request);
        try {
            schemes.update(id, draft);
            redirect.addFlashAttribute(
                    "flashSuccess", text("scheme.saved", draft.name().strip()));
            return "redirect:/assessment/schemes#scheme-" + id;
        } catch (InputRefusal e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, id, draft, e.inputProblems());
        }
    }

    /** One empty criterion row, appended by htmx. */
    @GetMapping("/assessment/schemes/criterion-row")
    String criterionRow(Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        // The fragment repeats over the draft's rows: one empty row is what it appends.
        SchemeDraft one = SchemeDraft.example();
        model.addAttribute(
                "draft",
                new SchemeDraft(
                        one.name(),
                        one.unitKind(),
                        one.rootUnitId(),
                        one.ratesWeight(),
                        one.criteriaWeight(),
                        one.bands(),
                        one.excellent(),
                        one.good(),
                        one.poor(),
                        List.of(new SchemeDraft.Row("", "", "", ""))));
        return "assessment/scheme-form :: criterion-row";
    }

    /** Nothing, so that htmx replaces a removed row with it. */
    @GetMapping("/assessment/schemes/criterion-row/removed")
    @org.springframework.web.bind.annotation.ResponseBody
    String removedRow() {
        return "";
    }

    @GetMapping("/assessment/schemes/{id}/scores")
    String scores(@PathVariable long id, @RequestParam(required = false) @Nullable String period, Model model) {
        AssessmentPeriod p = period(period);
        model.addAttribute("grid", schemes.grid(id, p));
        periods(model, p);
        return "assessment/scores";
    }

    @GetMapping("/assessment/schemes/{id}/scores/{unitId}/{criterionId}")
    String cell(
            @PathVariable long id,
            @PathVariable long unitId,
            @PathVariable long criterionId,
            @RequestParam(required = false) @Nullable String period,
            Model model) {
        AssessmentPeriod p = period(period);
        Schemes.Cell cell = schemes.cell(id, unitId, criterionId);
        Schemes.Score score = schemes.score(cell, p).orElse(null);
        return cellPage(
                model,
                cell,
                p,
                score,
                score == null ? "" : SchemeDraft.plain(score.score()),
                score == null ? "" : score.note(),
                List.of());
    }

    @PostMapping("/assessment/schemes/{id}/scores/{unitId}/{criterionId}")
    String score(
            @PathVariable long id,
            @PathVariable long unitId,
            @PathVariable long criterionId,
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(name = "score", defaultValue = "") String scoreText,
            @RequestParam(name = "note", defaultValue = "") String note,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect)
            throws IOException {
        AssessmentPeriod p = period(period);
        Schemes.Cell cell = schemes.cell(id, unitId, criterionId);
        List<Schemes.Upload> uploads = new ArrayList<>();
        if (files != null) {
            for (MultipartFile f : files) {
                if (f.getOriginalFilename() != null && !f.getOriginalFilename().isBlank() || !f.isEmpty()) {
                    uploads.add(new Schemes.Upload(
                            f.getOriginalFilename() == null ? "" : f.getOriginalFilename(), f.getBytes()));
                }
            }
        }
        try {
            schemes.score(id, unitId, criterionId, p, scoreText, note, uploads);
        } catch (InputRefusal e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return cellPage(model, cell, p, schemes.score(cell, p).orElse(null), scoreText, note, e.inputProblems());
        }
        redirect.addFlashAttribute(
                "flashSuccess",
                text("score.saved", cell.unit().name(), cell.criterion().name()));
        return "redirect:/assessment/schemes/" + id + "/scores?period=" + p.key();
    }

    @GetMapping("/assessment/evidence/{id}")
    ResponseEntity<byte[]> evidence(@PathVariable long id) {
        Schemes.EvidenceFile file = schemes.file(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.info().contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.info().fileName(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(file.content());
    }

    @GetMapping("/assessment/schemes/{id}/results")
    String results(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String period,
            Model model,
            HttpServletResponse response) {
        AssessmentPeriod p = period(period);
        AssessmentScheme scheme = schemes.scheme(id);
        periods(model, p);
        model.addAttribute("scheme", scheme);
        try {
            model.addAttribute("results", schemes.results(id, p));
        } catch (JiesuException e) {
            if (e.status().value() != HttpServletResponse.SC_NOT_FOUND) {
                throw e;
            }
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("results", null);
            model.addAttribute("noData", text("results.noData", scheme.name(), p.key()));
        }
        return "assessment/results";
    }

    private String form(Model model, @Nullable Long id, SchemeDraft draft, List<InputProblem> problems) {
        model.addAttribute("schemeId", id);
        model.addAttribute("draft", draft);
        model.addAttribute("kinds", Schemes.kinds());
        model.addAttribute("roots", schemes.roots());
        model.addAttribute("errors", localized(problems));
        return "assessment/scheme-form";
    }

    private String cellPage(
            Model model,
            Schemes.Cell cell,
            AssessmentPeriod period,
            Schemes.@Nullable Score score,
            String scoreText,
            String note,
            List<InputProblem> problems) {
        model.addAttribute("cell", cell);
        model.addAttribute("period", period);
        model.addAttribute("current", score);
        model.addAttribute("files", score == null ? List.of() : schemes.evidence(score.id()));
        model.addAttribute("scoreText", scoreText);
        model.addAttribute("note", note);
        model.addAttribute("errors", localized(problems));
        model.addAttribute("maxFiles", EvidenceFiles.MAX_FILES);
        model.addAttribute("maxMegabytes", EvidenceFiles.MAX_BYTES / 1024 / 1024);
        return "assessment/score";
    }

    private void periods(Model model, AssessmentPeriod p) {
        model.addAttribute("period", p);
        List<String> choices = new ArrayList<>();
        AssessmentPeriod.around(rates.thisMonth()).forEach(a -> choices.add(a.key()));
        if (!choices.contains(p.key())) {
            choices.add(0, p.key());
        }
        model.addAttribute("periodChoices", choices);
    }

    private AssessmentPeriod period(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return AssessmentPeriod.month(rates.thisMonth());
        }
        return AssessmentPeriod.parse(text).orElseThrow(() -> JiesuException.invalid(text("period.invalid")));
    }

    private Map<String, List<String>> localized(List<InputProblem> problems) {
        return InputProblem.byField(problems, messages);
    }

    private static SchemeDraft draft(HttpServletRequest request) {
        String[] ids = values(request, "criterionId");
        String[] names = values(request, "criterionName");
        String[] descriptions = values(request, "criterionDescription");
        String[] weights = values(request, "criterionWeight");
        int rows = Math.max(Math.max(ids.length, names.length), Math.max(descriptions.length, weights.length));
        List<SchemeDraft.Row> criteria = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            criteria.add(new SchemeDraft.Row(at(ids, i), at(names, i), at(descriptions, i), at(weights, i)));
        }
        return new SchemeDraft(
                value(request, "name"),
                value(request, "unitKind"),
                value(request, "rootUnitId"),
                value(request, "ratesWeight"),
                value(request, "criteriaWeight"),
                List.of(
                        value(request, "band2"),
                        value(request, "band3"),
                        value(request, "band4"),
                        value(request, "band5")),
                value(request, "excellent"),
                value(request, "good"),
                value(request, "poor"),
                criteria);
    }

    private static String[] values(HttpServletRequest request, String name) {
        String[] v = request.getParameterValues(name);
        return v == null ? new String[0] : v;
    }

    private static String at(String[] values, int i) {
        return i < values.length && values[i] != null ? values[i] : "";
    }

    private static String value(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
