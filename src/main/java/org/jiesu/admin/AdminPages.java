package org.jiesu.admin;

import java.util.List;
import org.jiesu.classification.ClassifierModels;
import org.jiesu.open311.ApiKeys;
import org.jiesu.security.Actors;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.UnitDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The administrator's start page: one card per admin screen, with what it holds and how many. */
@Controller
class AdminPages {

    /**
     * One card. {@code key} names its title and note in the admin bundle; {@code count} is null when a count says
     * nothing.
     */
    record Card(String key, String href, Long count) {}

    private final UnitDirectory units;
    private final UserAccounts accounts;
    private final ApiKeys keys;
    private final Actors actors;
    private final ClassifierModels classifier;

    AdminPages(UnitDirectory units, UserAccounts accounts, ApiKeys keys, Actors actors, ClassifierModels classifier) {
        this.classifier = classifier;
        this.units = units;
        this.accounts = accounts;
        this.keys = keys;
        this.actors = actors;
    }

    @GetMapping("/admin")
    String index(Model model) {
        long withArea = units.units().stream().filter(u -> u.hasArea()).count();
        long activeKeys = keys.all(actors.current()).stream()
                .filter(c -> c.revokedAt() == null)
                .count();
        model.addAttribute(
                "cards",
                List.of(
                        new Card("units", "/admin/units", (long) units.units().size()),
                        new Card("areas", "/admin/areas", withArea),
                        new Card("categories", "/admin/categories", (long)
                                units.categories().size()),
                        new Card("catalogue", "/admin/catalogue", (long)
                                units.catalogue().size()),
                        new Card("timeRules", "/admin/time-rules", null),
                        new Card("calendar", "/admin/calendar", null),
                        new Card("classifier", "/admin/classifier", (long)
                                classifier.versions().size()),
                        new Card("users", "/admin/users", accounts.count()),
                        new Card("apiKeys", "/admin/api-keys", activeKeys),
                        new Card("audit", "/admin/audit", null)));
        return "admin/index";
    }
}
