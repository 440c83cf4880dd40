package org.jiesu.assessment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jiesu.platform.InputProblem;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;

/**
 * A scheme as the administrator typed it, every field as text, so that each fault can be named next to its field
 * and the form shown again as it was. {@link #check()} turns it into a scheme or lists everything wrong.
 */
record SchemeDraft(
        String name,
        String unitKind,
        String rootUnitId,
        String ratesWeight,
        String criteriaWeight,
        List<String> bands,
        String excellent,
        String good,
        String poor,
        List<Row> criteria) {

    /** Kinds a scheme may assess: those that answer for orders and are ranked against each other. */
    static final List<UnitKind> KINDS = List.of(
            UnitKind.COUNTY,
            UnitKind.STREET,
            UnitKind.TOWNSHIP,
            UnitKind.COMMUNITY,
            UnitKind.VILLAGE,
            UnitKind.GRID,
            UnitKind.DEPARTMENT,
            UnitKind.UTILITY,
            UnitKind.PROPERTY,
            UnitKind.WORK_TEAM);

    /** One criterion row; the id is empty for a row added in this edit. */
    record Row(String id, String name, String description, String weight) {

        boolean blank() {
            return name.isBlank() && description.isBlank() && weight.isBlank();
        }
    }

    /** The result of a check: a scheme when nothing is wrong, otherwise every problem. */
    record Checked(@Nullable AssessmentScheme scheme, List<InputProblem> problems) {}

    /** A new scheme's form: the "five good" example with the default weights, bands and 361 distribution. */
    static SchemeDraft example() {
        return new SchemeDraft(
                "",
                UnitKind.COMMUNITY.name(),
                "",
                "40",
                "60",
                List.of("60", "70", "80", "90"),
                "30",
                "60",
                "10",
                List.of(new Row("", "", "", ""), new Row("", "", "", "")));
    }

    static SchemeDraft of(AssessmentScheme s) {
        List<Row> rows = new ArrayList<>();
        for (AssessmentScheme.Criterion c : s.criteria()) {
            rows.add(new Row(
                    c.id() == null ? "" : String.valueOf(c.id()),
                    c.name(),
                    c.description(),
                    String.valueOf(c.weight())));
        }
        Bands b = s.bands();
        return new SchemeDraft(
                s.name(),
                s.kind().name(),
                s.rootUnitId() == null ? "" : String.valueOf(s.rootUnitId()),
                String.valueOf(s.ratesWeight()),
                String.valueOf(s.criteriaWeight()),
                List.of(plain(b.two()), plain(b.three()), plain(b.four()), plain(b.five())),
                String.valueOf(s.distribution().excellent()),
                String.valueOf(s.distribution().good()),
                String.valueOf(s.distribution().poor()),
                rows);
    }

    public static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    /** Checks every field; rows left wholly empty are dropped, not refused. */
    Checked check() {
        List<InputProblem> problems = new ArrayList<>();
        String n = name.strip();
        if (n.isEmpty() || n.length() > 100) {
            problems.add(
                    InputProblem.of("name", "scheme.error.name", "A scheme needs a name of at most 100 characters."));
        }
        UnitKind kind = null;
        try {
            kind = UnitKind.valueOf(unitKind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // named below
        }
        if (kind == null || !KINDS.contains(kind)) {
            problems.add(
                    InputProblem.of("unitKind", "scheme.error.kind", "Choose which kind of unit the scheme assesses."));
        }
        Long root = null;
        if (!rootUnitId.isBlank()) {
            try {
                root = Long.parseLong(rootUnitId.strip());
            } catch (NumberFormatException e) {
                problems.add(InputProblem.of("rootUnitId", "scheme.error.root", "There is no such unit."));
            }
        }
        Integer wRates = whole(ratesWeight, 0, 100);
        Integer wCriteria = whole(criteriaWeight, 0, 100);
        if (wRates == null || wCriteria == null || wRates + wCriteria != 100) {
            problems.add(
                    InputProblem.of(
                            "weights",
                            "scheme.error.weights",
                            "The weight of the three rates and the weight of the criteria are whole numbers that add up to 100."));
        }

        List<AssessmentScheme.Criterion> kept = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean rowsFine = true;
        int i = 0;
        for (Row row : criteria) {
            i++;
            if (row.blank()) {
                continue;
            }
            String cn = row.name().strip();
            if (cn.isEmpty() || cn.length() > 100) {
                problems.add(InputProblem.of(
                        "criteria", "scheme.error.criterionName", "Criterion " + i + " needs a name.", i));
                rowsFine = false;
            } else if (!names.add(cn)) {
                problems.add(InputProblem.of(
                        "criteria", "scheme.error.criterionTwice", "Two criteria are named " + cn + ".", cn));
                rowsFine = false;
            }
            if (row.description().strip().length() > 1000) {
                problems.add(InputProblem.of(
                        "criteria",
                        "scheme.error.criterionDescription",
                        "The description of criterion " + i + " is longer than 1000 characters.",
                        i));
                rowsFine = false;
            }
            Integer w = whole(row.weight(), 1, 100);
            if (w == null) {
                problems.add(InputProblem.of(
                        "criteria",
                        "scheme.error.criterionWeight",
                        "The weight of criterion " + i + " is a whole number from 1 to 100.",
                        i));
                rowsFine = false;
            }
            Long id = null;
            if (!row.id().isBlank()) {
                try {
                    id = Long.parseLong(row.id().strip());
                } catch (NumberFormatException e) {
                    rowsFine = false;
                    problems.add(InputProblem.of(
                            "criteria", "scheme.error.criterionName", "Criterion " + i + " is unknown.", i));
                }
            }
            kept.add(new AssessmentScheme.Criterion(id, cn, row.description().strip(), w == null ? 0 : w));
        }
        if (kept.isEmpty()) {
            problems.add(
                    InputProblem.of("criteria", "scheme.error.noCriteria", "A scheme needs at least one criterion."));
        } else if (rowsFine) {
            int sum = kept.stream().mapToInt(AssessmentScheme.Criterion::weight).sum();
            if (sum != 100) {
                problems.add(InputProblem.of(
                        "criteria",
                        "scheme.error.criteriaSum",
                        "The criteria weights add up to " + sum + ", not 100.",
                        sum));
            }
        }

        Bands parsedBands = null;
        if (bands.size() != 4) {
            problems.add(
                    InputProblem.of("bands", "scheme.error.bands", "Give the minimum totals for 2, 3, 4 and 5 stars."));
        } else {
            BigDecimal[] b = new BigDecimal[4];
            boolean numbers = true;
            for (int k = 0; k < 4; k++) {
                b[k] = decimal(bands.get(k));
                numbers &= b[k] != null;
            }
            if (numbers) {
                parsedBands = new Bands(b[0], b[1], b[2], b[3]);
            }
            if (parsedBands == null || !parsedBands.ascending()) {
                problems.add(InputProblem.of(
                        "bands",
                        "scheme.error.bands",
                        "The minimum totals for 2, 3, 4 and 5 stars rise strictly and lie between 0 and 100."));
            }
        }

        Integer e = whole(excellent, 0, 100);
        Integer g = whole(good, 0, 100);
        Integer p = whole(poor, 0, 100);
        Distribution distribution = e == null || g == null || p == null ? null : new Distribution(e, g, p);
        if (distribution == null || !distribution.sumsTo100()) {
            problems.add(InputProblem.of(
                    "distribution",
                    "scheme.error.distribution",
                    "The shares of excellent, good and poor are whole percentages that add up to 100."));
        }
        if (!problems.isEmpty()) {
            return new Checked(null, List.copyOf(problems));
        }
        return new Checked(
                new AssessmentScheme(
                        null,
                        n,
                        kind,
                        root,
                        wRates,
                        wCriteria,
                        parsedBands,
                        distribution,
                        List.copyOf(kept),
                        null,
                        null),
                List.of());
    }

    private static @Nullable Integer whole(String text, int min, int max) {
        try {
            int v = Integer.parseInt(text.strip());
            return v < min || v > max ? null : v;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** A number with at most one decimal, as the scores and bands are kept. */
    static @Nullable BigDecimal decimal(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("\\d{1,3}(\\.\\d)?")) {
            return null;
        }
        return new BigDecimal(t);
    }
}
