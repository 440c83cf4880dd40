package org.jiesu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.jiesu.Api;
import org.jiesu.Browser;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Failed sign-ins through the form and through HTTP Basic, as a password guesser would make them. */
class LoginThrottlingTest extends JourneySupport {

    @Autowired
    LoginThrottle throttle;

    /** Every test signs in from 127.0.0.1: its failures must not lock out the tests that run after it. */
    @AfterEach
    void forget() {
        throttle.clear();
    }

    private void failForm(String username, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            HttpResponse<String> wrong = new Browser(port).signIn(username, "wrong-password-" + i);
            assertThat(wrong.uri().getPath()).isEqualTo("/login");
        }
    }

    @Test
    void afterFiveWrongPasswordsTheRightOneIsRefusedUntilTheLockoutPasses() throws Exception {
        failForm("village", 4);

        HttpResponse<String> fifth = new Browser(port).signIn("village", "still-wrong");
        Browser owner = new Browser(port);
        HttpResponse<String> locked = owner.signIn("village");

        assertThat(fifth.uri().getQuery()).isEqualTo("locked=15");
        assertThat(fifth.body()).contains("登录失败次数太多", "请 15 分钟后再试");
        assertThat(locked.uri().getPath()).isEqualTo("/login");
        assertThat(locked.body()).contains("登录失败次数太多");
        assertThat(owner.get("/staff").uri().getPath()).as("not signed in").isEqualTo("/login");

        clock.advance(Duration.ofMinutes(16));
        HttpResponse<String> later = owner.signIn("village");

        assertThat(later.uri().getPath()).isEqualTo("/staff");
    }

    @Test
    void aSuccessfulSignInStartsTheCountAgain() throws Exception {
        failForm("property", 4);
        assertThat(new Browser(port).signIn("property").uri().getPath()).isEqualTo("/staff");

        failForm("property", 4);

        assertThat(new Browser(port).signIn("property").uri().getPath()).isEqualTo("/staff");
    }

    @Test
    void aLockedNameIsLockedWhetherOrNotTheAccountExists() throws Exception {
        failForm("nobody-here", 5);

        HttpResponse<String> page = new Browser(port).signIn("nobody-here", "x");

        assertThat(page.uri().getQuery()).startsWith("locked=");
    }

    @Test
    void httpBasicGets429WithRetryAfterOnceTheNameIsLocked() {
        Api wrong = new Api(port, "not-the-password");
        for (int i = 0; i < 5; i++) {
            assertThat(wrong.get("/api/v1/orders", "water").status()).isEqualTo(401);
        }

        Api.Response refused = api.get("/api/v1/orders", "water");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.text("detail")).contains("Too many failed sign-ins", "15 minutes");
        assertThat(refused.header("Retry-After")).isEqualTo("900");
        assertThat(api.get("/api/v1/orders", "housing").status())
                .as("other names")
                .isEqualTo(200);
    }

    @Test
    void theLoginPageSaysLockedOnlyWithAPlainNumber() throws Exception {
        Browser browser = new Browser(port);

        assertThat(browser.get("/login?locked=12").body()).contains("请 12 分钟后再试");
        assertThat(browser.get("/login?locked=%3Cscript%3E").body())
                .contains("登录失败次数太多")
                .doesNotContain("<script>");
    }
}
