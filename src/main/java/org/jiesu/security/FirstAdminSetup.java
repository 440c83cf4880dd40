package org.jiesu.security;

import org.jiesu.platform.JiesuException;
import org.jiesu.units.NewUnit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The page a production start shows until the first administrator has chosen a password. */
@Controller
class FirstAdminSetup {

    record SetupForm(String token, String prefectureName, String username, String displayName, String password) {}

    private static final int MAX_UNIT_NAME = 100;

    private final FirstAdminGate gate;
    private final UserAccounts accounts;
    private final UnitDirectory units;
    private final TransactionTemplate tx;

    FirstAdminSetup(FirstAdminGate gate, UserAccounts accounts, UnitDirectory units, TransactionTemplate tx) {
        this.gate = gate;
        this.accounts = accounts;
        this.units = units;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        gate.announce();
    }

    @GetMapping("/setup")
    String form(Model model) {
        if (gate.setUp()) {
            return "redirect:/login";
        }
        model.addAttribute("form", new SetupForm("", "", "admin", "系统管理员", ""));
        model.addAttribute("needsPrefecture", units.units().isEmpty());
        return "setup";
    }

    @PostMapping("/setup")
    String create(SetupForm form, Model model) {
        if (gate.setUp()) {
            return "redirect:/login";
        }
        try {
            if (!gate.tokenMatches(form.token())) {
                throw JiesuException.invalid("The setup token does not match the one in the server log.");
            }
            tx.executeWithoutResult(status -> {
                long root = units.units().stream()
                        .filter(u -> u.parentId() == null && u.kind().territorial())
                        .findFirst()
                        .map(u -> u.id())
                        .orElseGet(() -> {
                            if (form.prefectureName() == null
                                    || form.prefectureName().isBlank()) {
                                throw JiesuException.invalid("Name the prefecture this installation serves.");
                            }
                            if (form.prefectureName().strip().length() > MAX_UNIT_NAME) {
                                throw JiesuException.invalid(
                                        "A prefecture's name is at most " + MAX_UNIT_NAME + " characters.");
                            }
                            return units.add(new NewUnit(
                                    "root", form.prefectureName().trim(), UnitKind.PREFECTURE, null, null, null, null));
                        });
                String name = form.displayName() == null || form.displayName().isBlank()
                        ? form.username()
                        : form.displayName();
                accounts.create(form.username(), name.trim(), form.password(), Role.ADMIN, root);
            });
        } catch (JiesuException e) {
            model.addAttribute("form", form);
            model.addAttribute("needsPrefecture", units.units().isEmpty());
            model.addAttribute("error", e.getMessage());
            return "setup";
        }
        return "redirect:/login?setup";
    }
}
