package org.jiesu.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per user name and per client address, and refuses further tries for a while once either
 * has failed too often within the window: password guessing then costs hours instead of seconds. A user name is
 * locked whether or not an account has it, so the lock tells nobody which names exist. A successful sign-in clears
 * the user name's count; an address's count only runs out with its window, or one valid account could wipe the
 * trail of guesses at every other account from the same place.
 *
 * <p>The counts live in this instance's memory: enough for one instance, and they vanish on a restart. Several
 * instances behind a load balancer would each count on their own, multiplying the allowance by their number.
 */
@Component
class LoginThrottle {

    /** Longer names are cut before they become keys: a failed sign-in must not be able to fill the memory. */
    private static final int MAX_KEY = 64;

    /** Beyond this many tracked names and addresses, stale ones are swept out, at most once a minute. */
    private static final int SWEEP_ABOVE = 10_000;

    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Duration lockout;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private volatile Instant lastSweep = Instant.MIN;

    LoginThrottle(
            Clock clock,
            @Value("${jiesu.login.max-failures-per-user:5}") int maxPerUser,
            @Value("${jiesu.login.max-failures-per-address:20}") int maxPerAddress,
            @Value("${jiesu.login.window:PT15M}") Duration window,
            @Value("${jiesu.login.lockout:PT15M}") Duration lockout) {
        this.clock = clock;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.lockout = lockout;
    }

    /** How long this user name or this address must still wait; empty when they may try now. */
    Optional<Duration> refusal(@Nullable String username, @Nullable String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {userKey(username), addressKey(address)}) {
            Failures f = key == null ? null : failures.get(key);
            if (f != null) {
                Duration left = f.lockedFor(now);
                if (left.compareTo(wait) > 0) {
                    wait = left;
                }
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    void failed(@Nullable String username, @Nullable String address) {
        Instant now = clock.instant();
        if (failures.size() > SWEEP_ABOVE && !now.isBefore(lastSweep.plus(SWEEP_EVERY))) {
            lastSweep = now;
            failures.values().removeIf(f -> f.stale(now));
        }
        String user = userKey(username);
        if (user != null) {
            failures.computeIfAbsent(user, k -> new Failures(maxPerUser)).add(now);
        }
        String from = addressKey(address);
        if (from != null) {
            failures.computeIfAbsent(from, k -> new Failures(maxPerAddress)).add(now);
        }
    }

    void succeeded(@Nullable String username) {
        String user = userKey(username);
        if (user != null) {
            failures.remove(user);
        }
    }

    /** How many user names and addresses are being counted; for tests. */
    int tracked() {
        return failures.size();
    }

    /** Forgets every count and lock; for tests, which all sign in from one address. */
    void clear() {
        failures.clear();
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        failed(event.getAuthentication().getName(), address(event.getAuthentication()));
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName());
    }

    private static @Nullable String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static @Nullable String userKey(@Nullable String username) {
        if (username == null || username.isBlank()) {
            return null;
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        return "user:" + (name.length() > MAX_KEY ? name.substring(0, MAX_KEY) : name);
    }

    private static @Nullable String addressKey(@Nullable String address) {
        return address == null || address.isBlank() ? null : "address:" + address;
    }

    /** The recent failures of one user name or address, and the lock they earned. */
    private final class Failures {

        private final int max;
        private final Deque<Instant> recent = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;

        Failures(int max) {
            this.max = max;
        }

        synchronized void add(Instant now) {
            forgetBefore(now.minus(window));
            recent.addLast(now);
            if (recent.size() >= max) {
                lockedUntil = now.plus(lockout);
                recent.clear();
            }
        }

        synchronized Duration lockedFor(Instant now) {
            return now.isBefore(lockedUntil) ? Duration.between(now, lockedUntil) : Duration.ZERO;
        }

        synchronized boolean stale(Instant now) {
            forgetBefore(now.minus(window));
            return recent.isEmpty() && !now.isBefore(lockedUntil);
        }

        private void forgetBefore(Instant start) {
            while (!recent.isEmpty() && recent.peekFirst().isBefore(start)) {
                recent.removeFirst();
            }
        }
    }
}
