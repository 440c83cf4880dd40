package org.jiesu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The counting behind sign-in throttling, on a clock the test moves: 5 per name, 20 per address, 15 minutes. */
class LoginThrottleTest {

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-03-02T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final LoginThrottle throttle =
            new LoginThrottle(clock, 5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15));

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void fiveFailuresLockTheUserNameForTheLockoutFromAnyAddress() {
        fail("grid", "10.0.0.1", 4);
        assertThat(throttle.refusal("grid", "10.0.0.1")).isEmpty();

        fail("grid", "10.0.0.2", 1);

        assertThat(throttle.refusal("grid", "10.0.0.9")).hasValue(Duration.ofMinutes(15));
        assertThat(throttle.refusal("GRID ", "10.0.0.9"))
                .as("names compare as typed loosely")
                .isPresent();
        assertThat(throttle.refusal("operator", "10.0.0.9")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.refusal("grid", "10.0.0.9")).hasValue(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.refusal("grid", "10.0.0.9")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        fail("grid", "10.0.0.1", 4);
        clock.advance(Duration.ofMinutes(16));

        fail("grid", "10.0.0.1", 4);

        assertThat(throttle.refusal("grid", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessfulSignInClearsTheUserNamesCount() {
        fail("grid", "10.0.0.1", 4);
        throttle.succeeded("grid");

        fail("grid", "10.0.0.1", 4);

        assertThat(throttle.refusal("grid", "10.0.0.1")).isEmpty();
    }

    @Test
    void twentyFailuresFromOneAddressLockItWhateverTheNames() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("guess" + i, "203.0.113.7");
        }
        assertThat(throttle.refusal("admin", "203.0.113.7")).isEmpty();

        throttle.failed("guess19", "203.0.113.7");

        assertThat(throttle.refusal("admin", "203.0.113.7")).isPresent();
        assertThat(throttle.refusal("admin", "198.51.100.1"))
                .as("admin from elsewhere")
                .isEmpty();
    }

    @Test
    void aSuccessDoesNotWipeTheAddressCount() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("guess" + i, "203.0.113.7");
        }
        throttle.succeeded("insider");

        throttle.failed("guess19", "203.0.113.7");

        assertThat(throttle.refusal("insider", "203.0.113.7")).isPresent();
    }

    @Test
    void endlessMadeUpNamesDoNotPileUpForever() {
        for (int i = 0; i < 10_050; i++) {
            throttle.failed("name" + i, null);
        }
        clock.advance(Duration.ofHours(1));

        throttle.failed("one-more", null);

        assertThat(throttle.refusal("name0", null)).isEmpty();
        assertThat(throttle.tracked()).isEqualTo(1);
    }
}
