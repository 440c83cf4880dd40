package org.jiesu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jiesu.Api;
import org.jiesu.JiesuTest;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

@JiesuTest
class RateLimitTest extends JourneySupport {

    @Autowired
    FilterRegistrationBean<PublicRateLimit> registration;

    private PublicRateLimit limit() {
        return registration.getFilter();
    }

    // Other tests track and file from the same address: every test here starts from an empty window, and leaves one.
    @BeforeEach
    @AfterEach
    void forget() {
        limit().forget();
    }

    private void useUp(PublicRateLimit.Kind kind, int limit) {
        for (int i = 0; i < limit; i++) {
            assertThat(limit().admit(kind, "127.0.0.1")).isZero();
        }
    }

    @Test
    void lookUpsBeyondTheLimitAreAnswered429WithRetryAfterUntilTheWindowHasPassed() {
        useUp(PublicRateLimit.Kind.TRACK, 100_000);
        Api.Response refused = api.get("/api/v1/track/JS000000-NOPE", null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("detail")).contains("try again in");
        // Filing is counted apart: it still goes through.
        assertThat(api.post("/api/v1/requests", null, Api.json("text", "限流测试")).status())
                .isEqualTo(201);

        clock.advance(Duration.ofMinutes(1));
        assertThat(api.get("/api/v1/track/JS000000-NOPE", null).status()).isEqualTo(404);
    }

    @Test
    void retryAfterSaysHowLongIsLeftOfTheWindow() {
        useUp(PublicRateLimit.Kind.FILE, 100_000);
        clock.advance(Duration.ofSeconds(45));
        assertThat(limit().admit(PublicRateLimit.Kind.FILE, "127.0.0.1")).isBetween(15L, 16L);
        // Another address has its own count.
        assertThat(limit().admit(PublicRateLimit.Kind.FILE, "192.0.2.7")).isZero();
    }

    @Test
    void staffEndpointsAreNotCounted() {
        useUp(PublicRateLimit.Kind.FILE, 100_000);
        useUp(PublicRateLimit.Kind.TRACK, 100_000);
        assertThat(api.get("/api/v1/orders", "community").status()).isEqualTo(200);
    }
}
