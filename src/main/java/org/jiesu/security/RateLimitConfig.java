package org.jiesu.security;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

    @Bean
    FilterRegistrationBean<PublicRateLimit> publicRateLimit(
            Clock clock,
            @Value("${jiesu.rate-limit.window:PT1M}") Duration window,
            @Value("${jiesu.rate-limit.submissions:20}") int submissions,
            @Value("${jiesu.rate-limit.look-ups:60}") int lookUps) {
        var registration = new FilterRegistrationBean<>(new PublicRateLimit(clock, window, submissions, lookUps));
        // Before Spring Security: a flood is turned away before any password is hashed or session made.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
