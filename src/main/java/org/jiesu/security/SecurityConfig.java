package org.jiesu.security;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jiesu.platform.DatabaseOutage;
import org.jiesu.platform.RequestLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.unit.DataSize;

/**
 * Pages sign in with a form and a session; the API also takes HTTP Basic. Residents need no account to file or
 * track a request.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** Set on a request refused for its CSRF token, so the error page can say "reload" instead of "not yours". */
    static final String CSRF_REFUSED = "jiesuCsrfRefused";

    /** Area files and classifier training files may be large; every other body is a form or a small JSON document. */
    private static final List<String> UPLOADS =
            List.of("/admin/areas/import", "/api/v1/areas/import", "/api/v1/units/*/area", "/admin/classifier/import");
    /**
     * The resident's form with photos and the evidence of an assessment score: multipart posts may carry a few files,
     * plain form posts stay small.
     */
    private static final List<String> MULTIPART_UPLOADS = List.of("/submit", "/assessment/schemes/*/scores/*/*");

    /** Tells the session registry when a session ends, so that it does not keep them. */
    @Bean
    static HttpSessionEventPublisher sessionEvents() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain web(
            HttpSecurity http,
            FirstAdminGate gate,
            LoginThrottle throttle,
            @Value("${jiesu.limits.max-body:1MB}") DataSize maxBody,
            @Value("${jiesu.limits.max-upload:20MB}") DataSize maxUpload,
            @Value("${jiesu.map.tile-url:}") String tileUrl,
            StaffSessions sessions)
            throws Exception {
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        RequestMatcher open311 = PathPatternRequestMatcher.withDefaults().matcher("/open311/**");
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/",
                                "/submit",
                                "/submit/**",
                                "/track",
                                "/track/**",
                                // Satisfaction surveys: respondents answer with a one-time code, never an account.
                                "/survey",
                                "/survey/**",
                                // Community work's public side: the transparency page, meeting reports, the activity
                                // calendar and polls. Aggregates and outcomes only; voting checks its own codes.
                                "/public",
                                "/public/**",
                                "/login",
                                "/setup",
                                "/error",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**",
                                // Open311 answers everyone; filing checks its own api_key.
                                "/open311/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/requests")
                        .permitAll()
                        // Areas decide where every request goes: only administrators change them.
                        .requestMatchers(HttpMethod.PUT, "/api/v1/units/*/area")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/areas/import")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers("/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/v1/track/**",
                                "/api/v1/categories",
                                "/api/v1/units/**",
                                "/api/v1/units",
                                "/api/v1/areas",
                                "/api/v1/route",
                                "/api/v1/catalogue")
                        .permitAll()
                        // Time limits and the calendar are the administrator's; the services check the role too.
                        .requestMatchers("/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/time-rules/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/calendar/import")
                        .hasRole(Role.ADMIN.name())
                        // Hot issues are the supervisors'; recomputing them is the administrator's.
                        .requestMatchers("/governance/hot/recompute", "/governance/hot/recompute/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers("/governance/hot", "/governance/hot/**")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                        // Monthly themes are the supervisors' work; the service checks the role too.
                        .requestMatchers("/governance/themes", "/governance/themes/**")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/staff", false)
                        // The failure that locks the name says so at once, rather than on the next try.
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + throttle.refusal(request.getParameter("username"), request.getRemoteAddr())
                                        .map(wait -> "/login?locked=" + LoginThrottleFilter.minutes(wait))
                                        .orElse("/login?error")))
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/"))
                .httpBasic(basic -> basic.authenticationEntryPoint(basicEntryPoint()))
                .csrf(csrf -> csrf.ignoringRequestMatchers(api, open311))
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                                (request, response, e) -> problem(
                                        response,
                                        HttpServletResponse.SC_UNAUTHORIZED,
                                        "Sign in first",
                                        "This needs a staff account: send HTTP Basic credentials."),
                                api)
                        .defaultAccessDeniedHandlerFor(
                                (request, response, e) -> problem(
                                        response,
                                        HttpServletResponse.SC_FORBIDDEN,
                                        "Not yours",
                                        "Your role may not do this."),
                                api)
                        .defaultAccessDeniedHandlerFor(
                                (request, response, e) -> {
                                    if (e instanceof CsrfException) {
                                        request.setAttribute(CSRF_REFUSED, true);
                                        response.sendError(
                                                HttpServletResponse.SC_FORBIDDEN,
                                                "The form was sent without a valid security token, usually because"
                                                        + " the page was open too long or you signed in or out"
                                                        + " meanwhile. Nothing was saved: reload the page and send"
                                                        + " the form again.");
                                    } else {
                                        response.sendError(HttpServletResponse.SC_FORBIDDEN, "Forbidden");
                                    }
                                },
                                AnyRequestMatcher.INSTANCE))
                .headers(headers -> SecurityHeaders.configure(headers, tileUrl))
                // Sessions are registered so that an account's change by an administrator ends them (StaffSessions).
                .sessionManagement(session ->
                        session.maximumSessions(-1).sessionRegistry(sessions).expiredUrl("/login?expired"))
                .addFilterBefore(new RequestLimits(maxBody, maxUpload, UPLOADS, MULTIPART_UPLOADS), CsrfFilter.class)
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(gate, UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Spring Security's own answer to failed HTTP Basic credentials, except when they could not be checked at all:
     * with the database down a correct password is not wrong, and the caller should retry rather than re-enter it.
     */
    private static AuthenticationEntryPoint basicEntryPoint() {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Realm");
        return (request, response, e) -> {
            if (DatabaseOutage.isCause(e)) {
                DatabaseOutage.answer(request, response);
            } else {
                basic.commence(request, response, e);
            }
        };
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws java.io.IOException {
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"jiesu\", charset=\"UTF-8\"");
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
