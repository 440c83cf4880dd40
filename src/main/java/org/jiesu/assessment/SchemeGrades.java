package org.jiesu.assessment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.jiesu.platform.JiesuException;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A read-only window on assessment schemes for other modules: which schemes assess a kind of unit, and a scheme's
 * yearly standings as plain public records. The arithmetic stays in {@link Standings}; the role and scope checks stay
 * in {@link Schemes}.
 */
@Service
@Transactional(readOnly = true)
public class SchemeGrades {

    private final Schemes schemes;

    SchemeGrades(Schemes schemes) {
        this.schemes = schemes;
    }

    /** A scheme as a chooser shows it. */
    public record SchemeInfo(
            long id, String name, UnitKind kind, int ratesWeight, int criteriaWeight, int excellentShare) {}

    /**
     * One unit's standing in a year under a scheme; rates in percent.
     *
     * @param rank 1 for the best, 0 when the unit could not be ranked (no counted order, a criterion unscored)
     * @param grade excellent, good or poor; null when not ranked
     * @param outstanding in the scheme's top band: the forced distribution's excellent share
     */
    public record Graded(
            long unitId,
            String code,
            String name,
            @Nullable Double response,
            @Nullable Double resolution,
            @Nullable Double satisfaction,
            @Nullable Double composite,
            @Nullable BigDecimal total,
            int rank,
            int stars,
            @Nullable String grade,
            boolean outstanding) {}

    /** Schemes that assess units of this kind, for supervisors and administrators. */
    public List<SchemeInfo> schemesFor(UnitKind kind) {
        return schemes.all().stream()
                .filter(s -> s.kind() == kind)
                .map(SchemeGrades::info)
                .toList();
    }

    public SchemeInfo scheme(long id) {
        return info(schemes.scheme(id));
    }

    /**
     * The units a scheme assesses, ranked for the calendar year, those the actor may see; empty when nothing in the
     * year was scored or counted. Outside any transaction: a year with nothing to rank is refused inside the scheme's
     * own read, and that refusal must not mark the caller's transaction for rollback.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public List<Graded> year(long schemeId, int year) {
        schemes.scheme(schemeId);
        AssessmentPeriod period = AssessmentPeriod.parse(String.valueOf(year))
                .orElseThrow(() -> JiesuException.invalid("A year is written like 2026."));
        Optional<Schemes.Results> results;
        try {
            results = Optional.of(schemes.results(schemeId, period));
        } catch (JiesuException e) {
            // "nothing to rank" is an empty year, not an error on a page that lists it
            results = Optional.empty();
        }
        return results.map(r ->
                        r.result().rows().stream().map(SchemeGrades::graded).toList())
                .orElse(List.of());
    }

    private static Graded graded(Standings.Standing s) {
        Standings.UnitInput u = s.unit();
        return new Graded(
                u.unitId(),
                u.code(),
                u.name(),
                u.response(),
                u.resolution(),
                u.satisfaction(),
                u.composite(),
                s.total(),
                s.rank(),
                s.stars(),
                s.grade() == null ? null : s.grade().key(),
                s.grade() == Grade.EXCELLENT);
    }

    private static SchemeInfo info(AssessmentScheme s) {
        return new SchemeInfo(
                s.id(),
                s.name(),
                s.kind(),
                s.ratesWeight(),
                s.criteriaWeight(),
                s.distribution().excellent());
    }
}
