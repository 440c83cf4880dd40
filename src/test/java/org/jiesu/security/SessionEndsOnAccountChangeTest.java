package org.jiesu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An administrator's change to an account ends that account's open sessions at once. */
@JiesuTest
class SessionEndsOnAccountChangeTest {

    private static final String PASSWORD = "session-test-9";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Test
    void aDisabledAccountsOpenSessionIsSentToSignInAgain() throws Exception {
        long unit = accounts.account("community").orElseThrow().unitId();
        accounts.create("session.disabled", "会话测试一", PASSWORD, Role.HANDLER, unit);
        Browser member = new Browser(port);
        member.signIn("session.disabled", PASSWORD);
        assertThat(member.get("/inbox").body()).contains("sign-out");

        accounts.enable("session.disabled", false);
        HttpResponse<String> next = member.get("/inbox");

        assertThat(next.uri().getPath()).isEqualTo("/login");
        assertThat(next.body()).contains("管理员更改了您的账号").doesNotContain("sign-out");
    }

    @Test
    void aRoleChangeEndsTheSessionThatCarriedTheOldRole() throws Exception {
        long unit = accounts.account("operator").orElseThrow().unitId();
        accounts.create("session.moved", "会话测试二", PASSWORD, Role.OPERATOR, unit);
        Browser member = new Browser(port);
        member.signIn("session.moved", PASSWORD);
        assertThat(member.get("/operator/queue").statusCode()).isEqualTo(200);

        accounts.change(
                "session.moved",
                Role.HANDLER,
                accounts.account("community").orElseThrow().unitId());
        HttpResponse<String> next = member.get("/operator/queue");

        assertThat(next.uri().getPath()).isEqualTo("/login");
        // Signed in again, the member acts with the new role only.
        member.signIn("session.moved", PASSWORD);
        assertThat(member.get("/operator/queue").statusCode()).isEqualTo(403);
    }
}
