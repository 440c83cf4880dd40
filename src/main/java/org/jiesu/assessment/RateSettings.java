package org.jiesu.assessment;

import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How the three rates are counted and combined, from a month on: the weights of the composite score in whole
 * percent (they sum to 100), the weight of a basically satisfied resident, and which orders are left out.
 */
public record RateSettings(
        long id,
        YearMonth validFrom,
        int weightResponse,
        int weightResolution,
        int weightSatisfaction,
        double basicSatisfaction,
        boolean excludeReturned,
        boolean excludeFinalReply,
        boolean excludeMerged,
        String note,
        String changedBy,
        Instant changedAt) {

    /** Why an order is left out of the rates, as the facts record it. */
    public enum Exclusion {
        /** A return approved on the unit's objection: the order counts for the unit that kept the work. */
        RETURNED,
        /** The final reply to an unreasonable request (终结答复). */
        FINAL_REPLY,
        /** A duplicate merged into the first request's order (并单): only the first counts. */
        MERGED
    }

    /** The exclusions in force, by the names the facts record. */
    public Set<String> exclusions() {
        Set<String> names = new LinkedHashSet<>();
        if (excludeReturned) {
            names.add(Exclusion.RETURNED.name());
        }
        if (excludeFinalReply) {
            names.add(Exclusion.FINAL_REPLY.name());
        }
        if (excludeMerged) {
            names.add(Exclusion.MERGED.name());
        }
        return names;
    }

    public double responseWeight() {
        return weightResponse / 100.0;
    }

    public double resolutionWeight() {
        return weightResolution / 100.0;
    }

    public double satisfactionWeight() {
        return weightSatisfaction / 100.0;
    }
}
