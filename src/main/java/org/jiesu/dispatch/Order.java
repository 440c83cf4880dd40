package org.jiesu.dispatch;

import java.time.Instant;
import org.jiesu.units.LimitClass;
import org.jspecify.annotations.Nullable;

/** One unit's assignment for a request (工单). */
public record Order(
        long id,
        long requestId,
        long unitId,
        String unitName,
        OrderRole role,
        OrderState state,
        LimitClass limitClass,
        String routeNote,
        boolean fallback,
        Instant dispatchedAt,
        Instant signDeadline,
        Instant replyDeadline,
        @Nullable Instant signedAt,
        @Nullable Instant repliedAt,
        @Nullable Instant closedAt,
        @Nullable String reply,
        boolean finalReply,
        @Nullable String finalSignedOffBy,
        @Nullable String returnReason,
        int extensions,
        int redoCount,
        @Nullable Instant urgedAt,
        @Nullable String urgeNote,
        @Nullable Long mergedInto,
        int version,
        @Nullable Instant warnedAt,
        @Nullable Instant signOverdueAt,
        @Nullable Instant overdueAt) {

    public boolean urged() {
        return urgedAt != null && !state.terminal();
    }

    /** Past its deadline and not yet done with: not signed in time, or not replied in time. */
    public boolean overdueAt(Instant now) {
        return (state == OrderState.DISPATCHED && now.isAfter(signDeadline))
                || ((state == OrderState.DISPATCHED || state == OrderState.SIGNED) && now.isAfter(replyDeadline));
    }
}
