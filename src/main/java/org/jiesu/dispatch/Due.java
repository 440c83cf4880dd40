package org.jiesu.dispatch;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The next deadline an open order faces and how close it is: the signing limit until it is signed, then the reply
 * limit. It counts as a warning once less than {@value #WARN_PERCENT}% of the limit is left (the default warning at
 * 80% of the time), or once the deadline timer has warned; overdue once the deadline has passed.
 *
 * @param kind {@code sign}, {@code reply} or {@code none} for an order waiting on someone else
 */
public record Due(
        String kind, @Nullable Instant deadline, @Nullable Instant warnAt, String level, long secondsLeft) {

    static final int WARN_PERCENT = 20;

    public static Due of(Order o, Instant now) {
        Instant deadline;
        String kind;
        switch (o.state()) {
            case DISPATCHED -> {
                kind = "sign";
                deadline = o.signDeadline().isBefore(o.replyDeadline()) ? o.signDeadline() : o.replyDeadline();
            }
            case SIGNED -> {
                kind = "reply";
                deadline = o.replyDeadline();
            }
            default -> {
                return new Due("none", null, null, "none", 0);
            }
        }
        long limit = Math.max(0, Duration.between(o.dispatchedAt(), deadline).getSeconds());
        Instant warnAt = deadline.minusSeconds(limit * WARN_PERCENT / 100);
        long left = Duration.between(now, deadline).getSeconds();
        String level;
        if (o.overdueAt(now) || left < 0) {
            level = "overdue";
        } else if (!now.isBefore(warnAt) || (kind.equals("reply") && o.warnedAt() != null)) {
            level = "warning";
        } else {
            level = "ok";
        }
        return new Due(kind, deadline, warnAt, level, left);
    }

    /**
     * The time left, or past the deadline, in words: {@code units} names days, hours, minutes and seconds separated
     * by commas, as console.js does it in the browser.
     */
    public String remaining(String units) {
        String[] u = units.split(",", -1);
        long s = Math.abs(secondsLeft);
        long d = s / 86_400, h = (s % 86_400) / 3600, m = (s % 3600) / 60, sec = s % 60;
        if (d > 0) {
            return d + u[0] + " " + h + u[1];
        }
        if (h > 0) {
            return h + u[1] + " " + m + u[2] + " " + sec + u[3];
        }
        return m + u[2] + " " + sec + u[3];
    }

    public boolean overdue() {
        return level.equals("overdue");
    }
}
