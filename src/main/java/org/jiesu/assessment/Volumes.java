package org.jiesu.assessment;

import java.time.LocalDate;
import java.util.List;

/** How many orders were dispatched in a period: by day, by top-level category, by the units below the root. */
public record Volumes(long total, List<Day> byDay, List<Bar> byCategory, List<Bar> byUnit) {

    public record Day(LocalDate day, long count) {}

    /**
     * One bar of a chart.
     *
     * @param key what the drill-down filters by: a category code or a unit id
     */
    public record Bar(String key, String label, long count) {}
}
