package org.jiesu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until the first administrator exists, every page leads to {@code /setup}. Setting up needs a one-time token
 * printed in the log, so a stranger who reaches the server first cannot claim it.
 */
@Component
class FirstAdminGate extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FirstAdminGate.class);

    private final UserAccounts accounts;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private volatile boolean open;

    FirstAdminGate(UserAccounts accounts) {
        this.accounts = accounts;
    }

    boolean setUp() {
        if (!open && accounts.count() > 0) {
            open = true;
        }
        return open;
    }

    /** Only for tests in this package; a person reads it from the log. */
    String token() {
        return token;
    }

    boolean tokenMatches(String candidate) {
        return candidate != null
                && java.security.MessageDigest.isEqual(candidate.trim().getBytes(), token.getBytes());
    }

    void announce() {
        if (!setUp()) {
            log.warn("No account exists yet. Open /setup and give this one-time setup token: {}", token);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (setUp()
                || path.equals("/setup")
                || path.startsWith("/css/")
                || path.startsWith("/webjars/")
                || path.startsWith("/actuator/health")
                || path.equals("/error")) {
            chain.doFilter(request, response);
            return;
        }
        if (path.startsWith("/api/")) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter()
                    .write("{\"title\":\"Not set up yet\",\"status\":503,"
                            + "\"detail\":\"Create the first administrator at /setup first.\"}");
            return;
        }
        response.sendRedirect(request.getContextPath() + "/setup");
    }
}
