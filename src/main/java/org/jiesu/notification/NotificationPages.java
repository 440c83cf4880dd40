package org.jiesu.notification;

import java.util.Set;
import org.jiesu.security.Actors;
import org.jiesu.units.UnitDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** What was sent to the signed-in person's unit and the units below it: warnings, overdue marks, escalations. */
@Controller
class NotificationPages {

    private final Notifications notifications;
    private final Actors actors;
    private final UnitDirectory units;

    NotificationPages(Notifications notifications, Actors actors, UnitDirectory units) {
        this.notifications = notifications;
        this.actors = actors;
        this.units = units;
    }

    @GetMapping("/notifications")
    String list(Model model) {
        Long root = actors.scopeRoot(actors.current());
        Set<Long> scope = root == null ? Set.of() : units.subtree(root);
        model.addAttribute("notices", scope.isEmpty() ? java.util.List.of() : notifications.recent(scope, 200));
        return "notification/notices";
    }
}
