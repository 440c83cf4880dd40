package org.jiesu.units;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;
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
 * The administrator's unit tree: every unit under its parent, a form to add a unit under a parent, and for one chosen
 * unit a rename and a removal (only of a unit nothing refers to: no orders, users, requests or children).
 */
@Controller
class UnitPages {

    static final int MAX_NAME = 100;
    static final int MAX_CODE = 40;

    /** One line of the tree; {@code depth} indents it under its parent. */
    record Row(Unit unit, int depth, int children) {}

    /** The add form as posted: all text, so that a wrong value becomes a message. */
    record UnitInput(
            @Nullable String parentId,
            @Nullable String kind,
            @Nullable String code,
            @Nullable String name,
            @Nullable String function) {

        static UnitInput empty() {
            return new UnitInput(null, null, null, null, null);
        }
    }

    private final UnitDirectory directory;
    private final UnitEditing editing;
    private final MessageSource messages;

    UnitPages(UnitDirectory directory, UnitEditing editing, MessageSource messages) {
        this.directory = directory;
        this.editing = editing;
        this.messages = messages;
    }

    @GetMapping("/admin/units")
    String tree(@RequestParam(required = false) @Nullable Long edit, Model model) {
        return page(model, UnitInput.empty(), Map.of(), edit, null, Map.of());
    }

    @PostMapping("/admin/units")
    String add(UnitInput input, Principal who, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Unit parent = null;
        Long parentId = parse(input.parentId());
        if (parentId == null || directory.find(parentId).isEmpty()) {
            errors.put("parentId", text("admin.units.error.parent"));
        } else {
            parent = directory.unit(parentId);
        }
        UnitKind kind = null;
        try {
            kind = FormValues.choice(UnitKind.class, input.kind(), "kind");
        } catch (JiesuException e) {
            // shown below as the field's message
        }
        if (kind == null) {
            errors.put("kind", text("admin.units.error.kind"));
        } else if (parent != null && !fits(parent, kind)) {
            errors.put("kind", text("admin.units.error.kindUnderParent"));
        }
        String code = input.code() == null ? "" : input.code().strip();
        if (!code.matches("[A-Za-z0-9_-]{1," + MAX_CODE + "}")) {
            errors.put("code", text("admin.units.error.code", MAX_CODE));
        } else if (directory.findByCode(code).isPresent()) {
            errors.put("code", text("admin.units.error.codeTaken"));
        }
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.put("name", text("admin.units.error.name", MAX_NAME));
        }
        String function = FormValues.blankToNull(input.function());
        if (function != null && !function.strip().matches("[a-z_]{1,40}")) {
            errors.put("function", text("admin.units.error.function"));
        }
        if (errors.isEmpty()) {
            try {
                editing.addUnit(
                        new NewUnit(code, name, kind, parentId, function == null ? null : function.strip(), null, null),
                        who.getName());
                redirect.addFlashAttribute("flashSuccess", text("admin.units.added", name));
                return "redirect:/admin/units";
            } catch (UnitEditing.Refused e) {
                errors.put(e.field, text(e.key));
            } catch (JiesuException e) {
                errors.put("name", e.getMessage());
            }
        }
        response.setStatus(422);
        return page(model, input, errors, null, null, Map.of());
    }

    @PostMapping("/admin/units/{id}/rename")
    String rename(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String name,
            Principal who,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        directory.unit(id);
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME) {
            response.setStatus(422);
            return page(
                    model,
                    UnitInput.empty(),
                    Map.of(),
                    id,
                    name,
                    Map.of("rename", text("admin.units.error.name", MAX_NAME)));
        }
        editing.rename(id, clean, who.getName());
        redirect.addFlashAttribute("flashSuccess", text("admin.units.renamed", clean));
        return "redirect:/admin/units?edit=" + id + "#edit";
    }

    @PostMapping("/admin/units/{id}/remove")
    String remove(
            @PathVariable long id,
            Principal who,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Unit unit = directory.unit(id);
        try {
            editing.remove(id, who.getName());
        } catch (UnitEditing.Refused e) {
            response.setStatus(422);
            return page(model, UnitInput.empty(), Map.of(), id, null, Map.of("remove", text(e.key)));
        }
        redirect.addFlashAttribute("flashSuccess", text("admin.units.removed", unit.name()));
        return "redirect:/admin/units";
    }

    private String page(
            Model model,
            UnitInput input,
            Map<String, String> errors,
            @Nullable Long edit,
            @Nullable String typedName,
            Map<String, String> editErrors) {
        List<Row> rows = rows();
        model.addAttribute("rows", rows);
        model.addAttribute("input", input);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", UnitKind.values());
        model.addAttribute(
                "territorial",
                rows.stream().filter(r -> r.unit().kind().territorial()).count());
        Unit chosen = edit == null ? null : directory.find(edit).orElse(null);
        model.addAttribute("chosen", chosen);
        model.addAttribute("editErrors", editErrors);
        model.addAttribute("typedName", typedName != null ? typedName : chosen == null ? "" : chosen.name());
        if (chosen != null) {
            List<String> line = new ArrayList<>(
                    directory.lineage(chosen.id()).stream().map(Unit::name).toList());
            java.util.Collections.reverse(line);
            model.addAttribute("chosenLine", line);
        }
        return "units/units";
    }

    /** The tree in depth-first order: each unit followed by the units under it, territorial ones first. */
    private List<Row> rows() {
        List<Unit> all = directory.units();
        Map<Long, List<Unit>> byParent = new LinkedHashMap<>();
        List<Unit> roots = new ArrayList<>();
        for (Unit u : all) {
            if (u.parentId() == null) {
                roots.add(u);
            } else {
                byParent.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
            }
        }
        Comparator<Unit> order = Comparator.comparing((Unit u) -> !u.kind().territorial())
                .thenComparing(Unit::kind)
                .thenComparing(Unit::code);
        List<Row> rows = new ArrayList<>();
        roots.sort(order);
        for (Unit root : roots) {
            walk(root, 0, byParent, order, rows);
        }
        return rows;
    }

    private static void walk(
            Unit unit, int depth, Map<Long, List<Unit>> byParent, Comparator<Unit> order, List<Row> rows) {
        List<Unit> children = new ArrayList<>(byParent.getOrDefault(unit.id(), List.of()));
        children.sort(order);
        rows.add(new Row(unit, Math.min(depth, 5), children.size()));
        for (Unit child : children) {
            walk(child, depth + 1, byParent, order, rows);
        }
    }

    /** A territorial unit goes one level below a territorial parent; other kinds stand beside any unit. */
    static boolean fits(Unit parent, UnitKind kind) {
        if (!kind.territorial()) {
            return kind != UnitKind.PREFECTURE;
        }
        if (kind == UnitKind.PREFECTURE || !parent.kind().territorial()) {
            return false;
        }
        return kind.level().ordinal() == parent.kind().level().ordinal() + 1;
    }

    private static @Nullable Long parse(@Nullable String value) {
        try {
            return FormValues.id(value, "parentId");
        } catch (JiesuException e) {
            return null;
        }
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
