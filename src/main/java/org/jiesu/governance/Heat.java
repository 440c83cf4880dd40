package org.jiesu.governance;

/**
 * The heat index of a cluster: how much a matter deserves attention now. Points, not a percentage:
 *
 * <pre>
 * heat = 10·ln(1 + distinct requesters) + 3·ln(1 + repeats by the same requesters)
 *      + 2·ln(1 + supports) + 3·ln(1 + growth) + 5·urgent share
 * </pre>
 *
 * where growth is how many more requests came in the last 30 days than in the 30 days before, or 0 when fewer came.
 * Distinct people weigh most; one person writing ten times is not ten people; supports count, but a
 * thousand supports on one message weigh like about thirty distinct requesters, not a thousand.
 */
public final class Heat {

    private Heat() {}

    public static double of(int requesters, int size, int supports, int recent, int previous, int urgent) {
        int growth = Math.max(0, recent - previous);
        double urgentShare = size == 0 ? 0 : (double) urgent / size;
        double heat = 10 * Math.log1p(requesters)
                + 3 * Math.log1p(Math.max(0, size - requesters))
                + 2 * Math.log1p(Math.max(0, supports))
                + 3 * Math.log1p(growth)
                + 5 * urgentShare;
        return Math.round(heat * 10) / 10.0;
    }
}
