package org.jiesu.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Volunteer sign-ups and cancels are public writes: the filing limit counts them; reading the calendar it does not. */
class VolunteerRateLimitTest {

    @Test
    void publicSignUpsAndCancelsCountAsFilingAndTheCalendarIsNotCounted() {
        assertThat(PublicRateLimit.kindOf(new MockHttpServletRequest("POST", "/public/activities/12/signups")))
                .isEqualTo(PublicRateLimit.Kind.FILE);
        assertThat(PublicRateLimit.kindOf(new MockHttpServletRequest("POST", "/public/activities/cancel")))
                .isEqualTo(PublicRateLimit.Kind.FILE);
        assertThat(PublicRateLimit.kindOf(new MockHttpServletRequest("GET", "/public/activities")))
                .isNull();
        assertThat(PublicRateLimit.kindOf(new MockHttpServletRequest("POST", "/community/volunteers/teams")))
                .isNull();
    }
}
