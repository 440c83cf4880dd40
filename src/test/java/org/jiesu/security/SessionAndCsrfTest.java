package org.jiesu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.jiesu.Browser;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/** Signing in gives a new session id, and a form without its CSRF token is refused. */
class SessionAndCsrfTest extends JourneySupport {

    @Test
    void signingInReplacesTheSessionIdSoAPlantedOneIsWorthless() throws Exception {
        Browser browser = new Browser(port);
        String form = browser.get("/login").body();
        String before = browser.sessionId().orElseThrow();

        HttpResponse<String> staff = browser.post(
                "/login", Map.of("_csrf", Browser.csrf(form), "username", "operator", "password", "jiesu-demo"));
        String after = browser.sessionId().orElseThrow();

        assertThat(staff.uri().getPath()).isEqualTo("/staff");
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aFormPostedWithoutItsTokenIsRefusedAndSavesNothing() throws Exception {
        Browser resident = new Browser(port);
        resident.get("/submit");
        long before = count("request");

        HttpResponse<String> refused = resident.post("/submit", Map.of("text", "没有令牌的表单", "type", "HELP"));
        HttpResponse<String> forged =
                resident.post("/submit", Map.of("_csrf", "forged-token", "text", "伪造令牌的表单", "type", "HELP"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("页面已过期，请刷新后再提交", "reload the page");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(count("request")).isEqualTo(before);
    }

    @Test
    void theSameFormWithItsTokenIsAccepted() throws Exception {
        Browser resident = new Browser(port);
        String form = resident.get("/submit").body();
        long before = count("request");

        HttpResponse<String> receipt =
                resident.post("/submit", Map.of("_csrf", Browser.csrf(form), "text", "带令牌的表单：楼道灯不亮", "type", "HELP"));

        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.uri().getPath()).isEqualTo("/submit");
        assertThat(count("request")).isEqualTo(before + 1);
    }

    @Test
    void aSignedInStaffMembersActionWithoutTheTokenIsRefused() throws Exception {
        Browser operator = new Browser(port);
        operator.signIn("operator");

        HttpResponse<String> refused = operator.post("/logout", Map.of());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(operator.get("/staff").uri().getPath()).as("still signed in").isEqualTo("/staff");
    }
}
