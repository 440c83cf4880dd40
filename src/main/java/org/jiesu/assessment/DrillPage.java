package org.jiesu.assessment;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the orders behind a number.
 *
 * @param total how many orders there are in all: the number that was clicked
 */
public record DrillPage(long total, int page, int pages, List<Row> rows) {

    public record Row(
            long id,
            String state,
            String role,
            String unitName,
            Instant dispatchedAt,
            Instant signDeadline,
            Instant replyDeadline,
            @Nullable Instant signedAt,
            @Nullable String categoryName,
            String outcome,
            /** Why the order is left out of the rate, or empty when it counts. */
            String reason) {}
}
