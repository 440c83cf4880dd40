package org.jiesu.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jiesu.intake.FormChoices.Option;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.units.Category;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** What the dispatch pages show alike: category names, places, the units an order can go to. */
@Component
class DispatchViews {

    private final UnitDirectory units;

    DispatchViews(UnitDirectory units) {
        this.units = units;
    }

    String categoryName(@Nullable String code) {
        return code == null ? "" : units.findCategory(code).map(Category::name).orElse(code);
    }

    String placeOf(ResidentRequest r) {
        List<String> parts = new ArrayList<>();
        if (r.communityId() != null) {
            units.find(r.communityId()).ifPresent(u -> parts.add(u.name()));
        }
        if (r.latitude() != null && r.longitude() != null) {
            String grid = units.gridAt(r.latitude(), r.longitude())
                    .map(u -> u.name() + " ")
                    .orElse("辖区外 ");
            parts.add(grid + String.format(Locale.ROOT, "(%.5f, %.5f)", r.latitude(), r.longitude()));
        }
        if (r.address() != null) {
            parts.add(r.address());
        }
        return String.join(" · ", parts);
    }

    /** Units that can take an order, in tree order, indented by depth so the select reads like the tree. */
    List<Option> unitOptions() {
        List<Option> options = new ArrayList<>();
        units.units().stream().filter(u -> u.parentId() == null).forEach(root -> addUnit(root, 0, options));
        return options;
    }

    private void addUnit(Unit unit, int depth, List<Option> options) {
        if (unit.kind() != UnitKind.HOTLINE && unit.kind() != UnitKind.OFFICE) {
            options.add(new Option(String.valueOf(unit.id()), "　".repeat(depth) + unit.name()));
        }
        units.children(unit.id()).stream()
                .sorted(Comparator.comparing((Unit u) -> u.kind().territorial()).thenComparing(Unit::code))
                .forEach(child -> addUnit(child, depth + 1, options));
    }
}
