package org.jiesu.governance;

import java.time.Instant;
import java.util.List;

/**
 * A cluster of requests about one matter, as of a moment.
 *
 * @param number the cluster's number in its index
 * @param heat the heat index ({@link Heat})
 * @param recent requests in the 30 days up to the moment
 * @param previous requests in the 30 days before those
 * @param title a short title made from the member most like the others
 */
public record HotCluster(
        int number,
        double heat,
        int size,
        int requesters,
        int supports,
        int urgent,
        Instant first,
        Instant last,
        int recent,
        int previous,
        String title,
        List<HotMessage> messages) {}
