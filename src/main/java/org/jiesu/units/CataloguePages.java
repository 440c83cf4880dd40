package org.jiesu.units;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;
import org.jiesu.units.CatalogueEntry.HandlerKind;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's categories (name, parent, time-limit class) and dispatch catalogue (category and scope to the
 * handling unit, by level, function or name, and the functions that support it). One form adds or, with the code or
 * id of an existing line, edits.
 */
@Controller
class CataloguePages {

    static final int MAX_NAME = 50;

    record CategoryInput(
            @Nullable String code,
            @Nullable String name,
            @Nullable String parentCode,
            @Nullable String limitClass,
            @Nullable String editing) {}

    record EntryInput(
            @Nullable String id,
            @Nullable String categoryCode,
            @Nullable String scopeUnitId,
            @Nullable String handlerKind,
            @Nullable String handlerLevel,
            @Nullable String handlerFunction,
            @Nullable String handlerUnitId,
            @Nullable String supportFunctions) {}

    private final UnitDirectory directory;
    private final UnitEditing editing;
    private final MessageSource messages;

    CataloguePages(UnitDirectory directory, UnitEditing editing, MessageSource messages) {
        this.directory = directory;
        this.editing = editing;
        this.messages = messages;
    }

    @GetMapping("/admin/categories")
    String categories(@RequestParam(required = false) @Nullable String edit, Model model) {
        Category c = edit == null ? null : directory.findCategory(edit).orElse(null);
        CategoryInput input = c == null
                ? new CategoryInput(null, null, null, LimitClass.ORDINARY.name(), null)
                : new CategoryInput(
                        c.code(), c.name(), c.parentCode(), c.limitClass().name(), c.code());
        return categoryPage(model, input, Map.of());
    }

    @PostMapping("/admin/categories")
    String saveCategory(
            CategoryInput input,
            Principal who,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        boolean create = input.editing() == null || input.editing().isBlank();
        String code = create ? strip(input.code()) : input.editing().strip();
        if (create && !code.matches("[A-Z][A-Z0-9_]{1,39}")) {
            errors.put("code", text("admin.categories.error.code"));
        } else if (create && directory.findCategory(code).isPresent()) {
            errors.put("code", text("admin.categories.error.codeTaken"));
        } else if (!create && directory.findCategory(code).isEmpty()) {
            errors.put("code", text("admin.categories.error.unknown"));
        }
        String name = strip(input.name());
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.put("name", text("admin.categories.error.name", MAX_NAME));
        }
        String parent = FormValues.blankToNull(input.parentCode());
        if (parent != null && (directory.findCategory(parent).isEmpty() || parent.equals(code))) {
            errors.put("parentCode", text("admin.categories.error.parent"));
        } else if (parent != null && directory.categories().stream().anyMatch(c -> code.equals(c.parentCode()))) {
            errors.put("parentCode", text("admin.categories.error.parentOfOthers"));
        } else if (parent != null && directory.category(parent).parentCode() != null) {
            errors.put("parentCode", text("admin.categories.error.twoLevels"));
        }
        LimitClass limit = choice(LimitClass.class, input.limitClass());
        if (limit == null) {
            errors.put("limitClass", text("admin.categories.error.limitClass"));
        }
        if (errors.isEmpty()) {
            try {
                editing.saveCategory(create, new Category(code, name, parent, limit), who.getName());
                redirect.addFlashAttribute("flashSuccess", text("admin.categories.saved", name));
                return "redirect:/admin/categories";
            } catch (UnitEditing.Refused e) {
                errors.put(e.field, text(e.key));
            }
        }
        response.setStatus(422);
        return categoryPage(model, input, errors);
    }

    @GetMapping("/admin/catalogue")
    String catalogue(@RequestParam(required = false) @Nullable Long edit, Model model) {
        CatalogueEntry e = edit == null
                ? null
                : directory.catalogue().stream()
                        .filter(x -> x.id() == edit)
                        .findFirst()
                        .orElse(null);
        EntryInput input = e == null
                ? new EntryInput(null, null, null, HandlerKind.TERRITORIAL.name(), null, null, null, null)
                : new EntryInput(
                        String.valueOf(e.id()),
                        e.categoryCode(),
                        e.scopeUnitId() == null ? null : String.valueOf(e.scopeUnitId()),
                        e.handlerKind().name(),
                        e.handlerLevel() == null ? null : e.handlerLevel().name(),
                        e.handlerFunction(),
                        e.handlerUnitId() == null ? null : String.valueOf(e.handlerUnitId()),
                        String.join(", ", e.supportFunctions()));
        return cataloguePage(model, input, Map.of());
    }

    @PostMapping("/admin/catalogue")
    String saveEntry(
            EntryInput input, Principal who, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long id = number(input.id());
        if (FormValues.blankToNull(input.id()) != null
                && (id == null || directory.catalogue().stream().noneMatch(e -> e.id() == id))) {
            errors.put("categoryCode", text("admin.catalogue.error.unknown"));
        }
        String category = strip(input.categoryCode());
        if (directory.findCategory(category).isEmpty()) {
            errors.put("categoryCode", text("admin.catalogue.error.category"));
        }
        Long scope = number(input.scopeUnitId());
        if (FormValues.blankToNull(input.scopeUnitId()) != null
                && (scope == null
                        || directory
                                .find(scope)
                                .filter(u -> u.kind().territorial())
                                .isEmpty())) {
            errors.put("scopeUnitId", text("admin.catalogue.error.scope"));
        }
        HandlerKind kind = choice(HandlerKind.class, input.handlerKind());
        UnitKind.Level level = null;
        String function = null;
        Long handlerUnit = null;
        if (kind == null) {
            errors.put("handlerKind", text("admin.catalogue.error.handlerKind"));
        } else {
            switch (kind) {
                case TERRITORIAL -> {
                    level = choice(UnitKind.Level.class, input.handlerLevel());
                    if (level == null) {
                        errors.put("handlerLevel", text("admin.catalogue.error.level"));
                    }
                }
                case DEPARTMENT, UTILITY -> {
                    function = FormValues.blankToNull(input.handlerFunction());
                    UnitKind unitKind = kind == HandlerKind.DEPARTMENT ? UnitKind.DEPARTMENT : UnitKind.UTILITY;
                    if (function == null || !functions(unitKind).contains(function.strip())) {
                        errors.put(
                                "handlerFunction",
                                text("admin.catalogue.error.function", String.join(", ", functions(unitKind))));
                    } else {
                        function = function.strip();
                    }
                }
                case UNIT -> {
                    handlerUnit = number(input.handlerUnitId());
                    if (handlerUnit == null || directory.find(handlerUnit).isEmpty()) {
                        errors.put("handlerUnitId", text("admin.catalogue.error.unit"));
                    }
                }
                case PROPERTY -> {
                    // The property company joined to the place's community: nothing more to name.
                }
            }
        }
        List<String> supports = Arrays.stream(strip(input.supportFunctions()).split("[,，\\s]+"))
                .filter(s -> !s.isBlank())
                .distinct()
                .toList();
        TreeSet<String> known = new TreeSet<>(functions(UnitKind.DEPARTMENT));
        known.addAll(functions(UnitKind.UTILITY));
        List<String> unknown = supports.stream().filter(s -> !known.contains(s)).toList();
        if (!unknown.isEmpty()) {
            errors.put(
                    "supportFunctions",
                    text("admin.catalogue.error.supports", String.join(", ", unknown), String.join(", ", known)));
        }
        if (errors.isEmpty()) {
            try {
                editing.saveEntry(id, category, scope, kind, level, function, handlerUnit, supports, who.getName());
                redirect.addFlashAttribute(
                        "flashSuccess",
                        text(
                                "admin.catalogue.saved",
                                directory.category(category).name()));
                return "redirect:/admin/catalogue";
            } catch (UnitEditing.Refused e) {
                errors.put(e.field, text(e.key));
            }
        }
        response.setStatus(422);
        return cataloguePage(model, input, errors);
    }

    private String categoryPage(Model model, CategoryInput input, Map<String, String> errors) {
        List<Category> categories = directory.categories();
        model.addAttribute("categories", categories);
        model.addAttribute("input", input);
        model.addAttribute("errors", errors);
        model.addAttribute("limitClasses", LimitClass.values());
        model.addAttribute(
                "topLevel",
                categories.stream().filter(c -> c.parentCode() == null).toList());
        model.addAttribute("names", categories.stream().collect(Collectors.toMap(Category::code, Category::name)));
        return "units/categories";
    }

    private String cataloguePage(Model model, EntryInput input, Map<String, String> errors) {
        model.addAttribute("entries", directory.catalogue());
        model.addAttribute("input", input);
        model.addAttribute("errors", errors);
        model.addAttribute("categories", directory.categories());
        model.addAttribute(
                "categoryNames",
                directory.categories().stream().collect(Collectors.toMap(Category::code, Category::name)));
        List<Unit> units = directory.units();
        model.addAttribute("units", units);
        model.addAttribute(
                "scopes", units.stream().filter(u -> u.kind().territorial()).toList());
        model.addAttribute("unitNames", units.stream().collect(Collectors.toMap(Unit::id, Unit::name)));
        model.addAttribute("handlerKinds", HandlerKind.values());
        model.addAttribute("levels", UnitKind.Level.values());
        model.addAttribute("departmentFunctions", functions(UnitKind.DEPARTMENT));
        model.addAttribute("utilityFunctions", functions(UnitKind.UTILITY));
        return "units/catalogue";
    }

    private TreeSet<String> functions(UnitKind kind) {
        return directory.units().stream()
                .filter(u -> u.kind() == kind && u.function() != null)
                .map(Unit::function)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static <E extends Enum<E>> @Nullable E choice(Class<E> type, @Nullable String value) {
        try {
            return FormValues.choice(type, value, "choice");
        } catch (JiesuException e) {
            return null;
        }
    }

    private static @Nullable Long number(@Nullable String value) {
        try {
            return FormValues.id(value, "id");
        } catch (JiesuException e) {
            return null;
        }
    }

    private static String strip(@Nullable String s) {
        return s == null ? "" : s.strip();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
