package org.jiesu.assessment;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The lowest rates, in percent, a unit may have before it is reminded (月提) and listed as lagging in the quarterly
 * review (季调). A rate with nothing counted is no rate and never lags.
 */
record Thresholds(double response, double resolution, double satisfaction) {

    /** One figure below its threshold. */
    record Weak(Metric metric, double percent, double threshold) {

        /** As a notice says it, e.g. "响应率 90.0%（低于 95%）". */
        public String text() {
            return name(metric) + " " + percent + "%（低于 " + shown(threshold) + "%）";
        }
    }

    List<Weak> weak(UnitRates rates) {
        List<Weak> weak = new ArrayList<>();
        check(weak, Metric.RESPONSE, rates.response().percent(), response);
        check(weak, Metric.RESOLUTION, rates.resolution().percent(), resolution);
        check(weak, Metric.SATISFACTION, rates.satisfaction().percent(), satisfaction);
        return weak;
    }

    private static void check(List<Weak> weak, Metric metric, @Nullable Double percent, double threshold) {
        if (percent != null && percent < threshold) {
            weak.add(new Weak(metric, percent, threshold));
        }
    }

    static String name(Metric metric) {
        return switch (metric) {
            case RESPONSE -> "响应率";
            case RESOLUTION -> "解决率";
            case SATISFACTION -> "满意率";
            default -> metric.name();
        };
    }

    /** A threshold as people read it: 95, or 82.5. */
    public String shown(String metric) {
        return shown(
                switch (metric) {
                    case "response" -> response;
                    case "resolution" -> resolution;
                    default -> satisfaction;
                });
    }

    static String shown(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
