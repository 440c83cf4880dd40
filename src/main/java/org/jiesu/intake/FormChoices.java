package org.jiesu.intake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jiesu.units.Category;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;

/** The choices a request form offers, shared by the resident's form and the staff entry form. */
public final class FormChoices {

    private FormChoices() {}

    /** A labelled group of options, an {@code <optgroup>}. */
    public record Group(String label, List<Option> options) {}

    public record Option(String value, String label) {}

    /**
     * Top-level categories as groups, each offering itself first and then its subcategories.
     *
     * @param other how the top-level category reads as the group's catch-all option, given its name: the text of
     *     message {@code common.form.categoryOther} in the page's language
     */
    public static List<Group> categoryGroups(UnitDirectory units, java.util.function.UnaryOperator<String> other) {
        List<Category> all = units.categories();
        return all.stream()
                .filter(c -> c.parentCode() == null)
                .map(top -> {
                    List<Option> options = new ArrayList<>();
                    options.add(new Option(top.code(), other.apply(top.name())));
                    all.stream()
                            .filter(c -> top.code().equals(c.parentCode()))
                            .forEach(c -> options.add(new Option(c.code(), c.name())));
                    return new Group(top.name(), options);
                })
                .toList();
    }

    /** Communities and villages, grouped under their street or township and county. */
    public static List<Group> communityGroups(UnitDirectory units) {
        List<Unit> all = units.units();
        return all.stream()
                .filter(u -> u.kind() == UnitKind.STREET || u.kind() == UnitKind.TOWNSHIP)
                .map(street -> new Group(
                        units.county(street.id()).map(c -> c.name() + " · ").orElse("") + street.name(),
                        all.stream()
                                .filter(u -> (u.kind() == UnitKind.COMMUNITY || u.kind() == UnitKind.VILLAGE)
                                        && Long.valueOf(street.id()).equals(u.parentId()))
                                .sorted(Comparator.comparing(Unit::code))
                                .map(u -> new Option(String.valueOf(u.id()), u.name()))
                                .toList()))
                .filter(g -> !g.options().isEmpty())
                .toList();
    }
}
