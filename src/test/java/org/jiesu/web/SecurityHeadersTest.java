package org.jiesu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jiesu.JiesuTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every kind of response carries the security headers, and the pages' policy allows no inline script. */
@JiesuTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void hasSecurityHeaders(HttpHeaders headers) {
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(headers.firstValue("Permissions-Policy").orElse("")).contains("camera=()", "microphone=()");
        assertThat(headers.firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors 'none'", "object-src 'none'");
    }

    private static String directive(HttpHeaders headers, String name) {
        for (String d : headers.firstValue("Content-Security-Policy").orElse("").split(";")) {
            if (d.strip().startsWith(name + " ")) {
                return d.strip();
            }
        }
        return "";
    }

    @Test
    void aPageCarriesTheHeadersAndItsPolicyRunsOnlyOurOwnScriptsAndStyles() throws Exception {
        HttpResponse<String> home = get("/", "text/html");

        assertThat(home.statusCode()).isEqualTo(200);
        hasSecurityHeaders(home.headers());
        assertThat(directive(home.headers(), "script-src")).isEqualTo("script-src 'self'");
        assertThat(directive(home.headers(), "style-src")).isEqualTo("style-src 'self'");
        assertThat(home.headers().firstValue("Content-Security-Policy").orElse(""))
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void anApiAnswerCarriesTheHeadersToo() throws Exception {
        HttpResponse<String> categories = get("/api/v1/categories", "application/json");
        HttpResponse<String> refused = get("/api/v1/orders", "application/json");

        assertThat(categories.statusCode()).isEqualTo(200);
        hasSecurityHeaders(categories.headers());
        assertThat(refused.statusCode()).isEqualTo(401);
        hasSecurityHeaders(refused.headers());
    }

    @Test
    void errorPagesAndStaticFilesCarryTheHeaders() throws Exception {
        HttpResponse<String> missing = get("/track/no-such-page", "text/html");
        HttpResponse<String> css = get("/css/jiesu.css", "text/css");
        HttpResponse<String> js = get("/js/jiesu.js", "*/*");

        assertThat(missing.statusCode()).isEqualTo(404);
        hasSecurityHeaders(missing.headers());
        assertThat(css.statusCode()).isEqualTo(200);
        hasSecurityHeaders(css.headers());
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("data-history-back");
    }

    @Test
    void onlySwaggerUiMayUseInlineStylesAndItStillRunsNoInlineScript() throws Exception {
        HttpResponse<String> docs = get("/swagger-ui/index.html", "text/html");

        assertThat(docs.statusCode()).isEqualTo(200);
        hasSecurityHeaders(docs.headers());
        assertThat(directive(docs.headers(), "style-src")).contains("'unsafe-inline'");
        assertThat(directive(docs.headers(), "script-src")).isEqualTo("script-src 'self'");
    }
}
