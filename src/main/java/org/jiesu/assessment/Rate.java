package org.jiesu.assessment;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One of the three rates for a set of orders: what counts over what is counted. The numerator is a fraction for the
 * satisfaction rate, where a basically satisfied resident counts as a weight below one.
 *
 * @param tally how many orders fell into each outcome, e.g. counted and missed; the drill-down lists each
 */
public record Rate(Metric metric, double numerator, long denominator, Map<String, Long> tally) {

    /** Orders signed within the limit over orders dispatched whose signing is due. */
    public static Rate response(long signedInTime, long missed) {
        return new Rate(
                Metric.RESPONSE,
                signedInTime,
                signedInTime + missed,
                Map.of(Metric.COUNTED, signedInTime, Metric.MISSED, missed));
    }

    /** Called-back orders resolved over called-back orders; unreachable residents are not a callback. */
    public static Rate resolution(long resolved, long unresolved) {
        return new Rate(
                Metric.RESOLUTION,
                resolved,
                resolved + unresolved,
                Map.of(Metric.COUNTED, resolved, Metric.MISSED, unresolved));
    }

    /** Satisfied plus a weight times basically satisfied, over rated orders. */
    public static Rate satisfaction(long satisfied, long basically, long dissatisfied, double basicWeight) {
        if (basicWeight < 0 || basicWeight > 1) {
            throw new IllegalArgumentException("The weight of basically satisfied lies between 0 and 1.");
        }
        return new Rate(
                Metric.SATISFACTION,
                satisfied + basicWeight * basically,
                satisfied + basically + dissatisfied,
                Map.of(
                        Metric.SATISFIED, satisfied,
                        Metric.BASICALLY_SATISFIED, basically,
                        Metric.DISSATISFIED, dissatisfied));
    }

    /** The rate built from the outcome counts of the metric's orders. */
    static Rate of(Metric metric, Map<String, Long> counts, double basicWeight) {
        Rate rate = counted(metric, counts, basicWeight);
        long excluded = count(counts, Metric.EXCLUDED);
        if (excluded == 0) {
            return rate;
        }
        Map<String, Long> tally = new java.util.LinkedHashMap<>(rate.tally());
        tally.put(Metric.EXCLUDED, excluded);
        return new Rate(metric, rate.numerator(), rate.denominator(), Map.copyOf(tally));
    }

    private static Rate counted(Metric metric, Map<String, Long> counts, double basicWeight) {
        return switch (metric) {
            case RESPONSE -> response(count(counts, Metric.COUNTED), count(counts, Metric.MISSED));
            case RESOLUTION -> resolution(count(counts, Metric.COUNTED), count(counts, Metric.MISSED));
            case SATISFACTION ->
                satisfaction(
                        count(counts, Metric.SATISFIED),
                        count(counts, Metric.BASICALLY_SATISFIED),
                        count(counts, Metric.DISSATISFIED),
                        basicWeight);
            default -> throw new IllegalArgumentException(metric + " is not a rate.");
        };
    }

    private static long count(Map<String, Long> counts, String outcome) {
        return counts.getOrDefault(outcome, 0L);
    }

    /** The rate between 0 and 1, or null when nothing was counted: no orders is no rate, not a rate of zero. */
    public @Nullable Double value() {
        return denominator == 0 ? null : numerator / denominator;
    }

    /** The rate in percent with one decimal, or null when nothing was counted. */
    public @Nullable Double percent() {
        Double v = value();
        return v == null ? null : Math.round(v * 1000) / 10.0;
    }

    /** The numerator as people read it: a whole number, or one decimal when a weight made it a fraction. */
    public String numeratorShown() {
        return numerator == Math.rint(numerator)
                ? String.valueOf((long) numerator)
                : String.valueOf(Math.round(numerator * 10) / 10.0);
    }

    public long outcome(String outcome) {
        return count(tally, outcome);
    }

    /**
     * The composite score in percent: the rates weighted, over the weights of the rates that exist; null when none
     * does.
     */
    public static @Nullable Double composite(
            Rate response, Rate resolution, Rate satisfaction, double wResponse, double wResolution, double wSatisf) {
        double sum = 0;
        double weights = 0;
        Rate[] rates = {response, resolution, satisfaction};
        double[] w = {wResponse, wResolution, wSatisf};
        for (int i = 0; i < rates.length; i++) {
            Double v = rates[i].value();
            if (v != null) {
                sum += w[i] * v;
                weights += w[i];
            }
        }
        return weights == 0 ? null : Math.round(sum / weights * 1000) / 10.0;
    }
}
