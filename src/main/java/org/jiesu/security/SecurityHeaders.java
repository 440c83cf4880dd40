package org.jiesu.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The headers every response carries. Spring Security's defaults already send {@code X-Content-Type-Options:
 * nosniff}, no-store caching for signed-in pages and HSTS over HTTPS; this adds a Content-Security-Policy, frame
 * denial, a referrer policy and a permissions policy.
 */
final class SecurityHeaders {

    /**
     * Our pages load scripts and styles from this origin only, never inline: an injected {@code <script>} or
     * {@code onerror=} does not run even if some text escaped escaping. htmx needs nothing more because the layout
     * turns off its inline indicator style and its eval.
     */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /**
     * Swagger UI, which is not ours, sets inline styles and draws its icons as data: images. It shows no user
     * data, and its scripts still come from this origin only.
     */
    static final String DOCS_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Nothing here uses the camera, the microphone or payment; location only from our own pages. */
    static final String PERMISSIONS = "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), "
            + "magnetometer=(), microphone=(), payment=(), usb=()";

    private SecurityHeaders() {}

    /**
     * The policy with the origin of optional map tiles ({@code jiesu.map.tile-url}) allowed as images; without tiles
     * the pages load images from this origin only.
     */
    static String policy(String tileUrl) {
        if (tileUrl == null || tileUrl.isBlank()) {
            return POLICY;
        }
        java.net.URI uri = java.net.URI.create(tileUrl.replace("{s}", "a")
                .replace("{z}", "0")
                .replace("{x}", "0")
                .replace("{y}", "0")
                .replace("{r}", ""));
        String origin = uri.getScheme() + "://"
                + tileUrl.substring(uri.getScheme().length() + 3).split("/", 2)[0];
        // Leaflet's {s} subdomains become a wildcard: a.tile…, b.tile… are one source.
        origin = origin.replace("{s}", "*");
        return POLICY.replace("img-src 'self';", "img-src 'self' " + origin + ";");
    }

    static void configure(HeadersConfigurer<HttpSecurity> headers, String tileUrl) {
        RequestMatcher docs = new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"));
        headers.contentTypeOptions(o -> {})
                .frameOptions(f -> f.deny())
                // Tracking codes travel in URLs (/track?code=…): other sites must not learn them from a link.
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy(PERMISSIONS))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(docs), new ContentSecurityPolicyHeaderWriter(policy(tileUrl))))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        docs, new ContentSecurityPolicyHeaderWriter(DOCS_POLICY)));
    }
}
