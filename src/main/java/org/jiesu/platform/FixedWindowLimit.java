package org.jiesu.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts calls per key in fixed windows: at most {@code limit} calls per key per window. In memory, per instance;
 * keys of windows that have passed are dropped once many have gathered, so memory stays bounded.
 */
public final class FixedWindowLimit {

    private static final int FORGET_ABOVE = 100_000;

    private final Clock clock;
    private final Duration window;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(Instant start, int count) {}

    public FixedWindowLimit(Clock clock, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A rate-limit window must be longer than zero, not " + window + ".");
        }
        this.clock = clock;
        this.window = window;
    }

    /** Counts a call; 0 when it is admitted, otherwise the seconds until this key may call again. */
    public long admit(String key, int limit) {
        Instant now = Instant.now(clock);
        Window w = windows.compute(
                key,
                (k, old) -> old == null || !now.isBefore(old.start().plus(window))
                        ? new Window(now, 1)
                        : new Window(old.start(), old.count() + 1));
        if (windows.size() > FORGET_ABOVE) {
            windows.values().removeIf(x -> !now.isBefore(x.start().plus(window)));
        }
        if (w.count() <= limit) {
            return 0;
        }
        return Math.max(1, Duration.between(now, w.start().plus(window)).toSeconds() + 1);
    }

    /** Forgets every count: the window starts afresh for every key. */
    public void forget() {
        windows.clear();
    }
}
