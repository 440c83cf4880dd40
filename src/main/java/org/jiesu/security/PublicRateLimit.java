package org.jiesu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jiesu.platform.FixedWindowLimit;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits what one client address may ask of the endpoints open to everyone: filing requests and looking them up by
 * tracking code. A fixed window per address and kind; past the limit the answer is 429 with {@code Retry-After}.
 * Counts are kept in memory, per instance: behind a load balancer each instance allows the limit.
 */
class PublicRateLimit extends OncePerRequestFilter {

    /** What the limit guards: filing (POST) and tracking (GET) are counted apart. */
    enum Kind {
        FILE,
        TRACK
    }

    private final FixedWindowLimit counts;
    private final Map<Kind, Integer> limits;

    PublicRateLimit(Clock clock, Duration window, int filePerWindow, int trackPerWindow) {
        this.counts = new FixedWindowLimit(clock, window);
        this.limits = Map.of(Kind.FILE, filePerWindow, Kind.TRACK, trackPerWindow);
    }

    static Kind kindOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if ("POST".equals(method) && (path.equals("/api/v1/requests") || path.equals("/submit"))) {
            return Kind.FILE;
        }
        // Volunteer sign-ups take places, and cancelling tries codes: both count as filing.
        if ("POST".equals(method) && path.startsWith("/public/activities/")) {
            return Kind.FILE;
        }
        if ("GET".equals(method) && (path.startsWith("/api/v1/track/") || path.equals("/track"))) {
            return Kind.TRACK;
        }
        return null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return kindOf(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Kind kind = kindOf(request);
        long wait = admit(kind, request.getRemoteAddr());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(wait));
        response.setCharacterEncoding("UTF-8");
        String message = "Too many " + (kind == Kind.FILE ? "submissions" : "look-ups")
                + " from your address: try again in " + wait + " seconds.";
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"Too many requests\",\"status\":429,\"detail\":\""
                            + message + "\"}");
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter()
                    .write(
                            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>请稍后再试</title></head>"
                                    + "<body><h1>请稍后再试</h1><p>同一地址提交或查询过于频繁，请在 " + wait + " 秒后再试。</p><p>" + message
                                    + "</p><p><a href=\"/\">返回首页</a></p></body></html>");
        }
    }

    /** Forgets every count: the window starts afresh for everybody. */
    void forget() {
        counts.forget();
    }

    /** 0 when the call is admitted; otherwise how many seconds until the address may call again. */
    long admit(Kind kind, String address) {
        return counts.admit(kind + "|" + address, limits.get(kind));
    }
}
