package org.jiesu.web;

import org.jiesu.security.UserAccounts;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff sign-in form; Spring Security handles the POST. */
@Controller
class LoginPage {

    private final UserAccounts accounts;
    private final Environment environment;

    LoginPage(UserAccounts accounts, Environment environment) {
        this.accounts = accounts;
        this.environment = environment;
    }

    @GetMapping("/login")
    String login(Model model) {
        // Demo accounts share a published password: listing them anywhere but a demo would invite a break-in.
        if (environment.matchesProfiles("demo")) {
            model.addAttribute("demoAccounts", accounts.all());
        }
        return "login";
    }
}
