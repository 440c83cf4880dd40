package org.jiesu.assessment;

import java.time.Instant;
import java.util.List;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;

/**
 * A scheme an administrator defines: which units it assesses (one kind, optionally below one unit), its weighted
 * criteria, how much the three rates' composite counts against the criteria, the star bands and the forced
 * distribution.
 *
 * @param id null for a scheme not yet saved
 * @param rootUnitId the unit whose subtree is assessed; null for every unit of the kind
 */
record AssessmentScheme(
        @Nullable Long id,
        String name,
        UnitKind kind,
        @Nullable Long rootUnitId,
        int ratesWeight,
        int criteriaWeight,
        Bands bands,
        Distribution distribution,
        List<Criterion> criteria,
        @Nullable Instant updatedAt,
        @Nullable String updatedBy) {

    /**
     * One criterion, e.g. 组织建设好 with its weight in percent of the criteria part.
     *
     * @param id null for a criterion not yet saved
     */
    record Criterion(@Nullable Long id, String name, String description, int weight) {}

    int criteriaWeightSum() {
        return criteria.stream().mapToInt(Criterion::weight).sum();
    }
}
