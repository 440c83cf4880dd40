package org.jiesu.web;

import org.jiesu.security.UserAccounts;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The staff sign-in form; Spring Security handles the POST. */
@Controller
class LoginPage {

    private final UserAccounts accounts;
    private final Environment environment;

    LoginPage(UserAccounts accounts, Environment environment) {
        this.accounts = accounts;
        this.environment = environment;
    }

    /**
     * {@code locked} carries the minutes a throttled sign-in must wait. It comes from the URL, so anything but a
     * small number is shown as the plain "too many tries" message.
     */
    @GetMapping("/login")
    String login(@RequestParam(required = false) @Nullable String locked, Model model) {
        if (locked != null) {
            model.addAttribute("locked", true);
            if (locked.matches("[0-9]{1,4}")) {
                model.addAttribute("lockedMinutes", Integer.parseInt(locked));
            }
        }
        // Demo accounts share a published password: listing them anywhere but a demo would invite a break-in.
        if (environment.matchesProfiles("demo")) {
            model.addAttribute("demoAccounts", accounts.all());
        }
        return "login";
    }
}
