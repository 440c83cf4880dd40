package org.jiesu.security;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.stereotype.Component;

/**
 * The signed-in sessions of this instance, by staff member. When an administrator disables an account, changes its role
 * or unit, or resets its password, the member's open sessions end at once: their next page asks them to sign in again
 * instead of acting on with what they were allowed before.
 */
@Component
class StaffSessions extends SessionRegistryImpl {

    /** Ends every session of this user name; the next request of each goes to the sign-in page. */
    void end(String username) {
        for (Object principal : getAllPrincipals()) {
            if (principal instanceof User user && user.getUsername().equals(username)) {
                getAllSessions(principal, false).forEach(SessionInformation::expireNow);
            }
        }
    }
}
