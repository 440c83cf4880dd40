package org.jiesu.assessment;

import org.jiesu.security.Actor;
import org.jiesu.security.UserAccounts;

/** The assessment tests' way to act as one of the demo accounts. */
final class TestActors {

    private TestActors() {}

    static Actor named(UserAccounts accounts, String username) {
        return accounts.all().stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow();
    }
}
