package org.jiesu.assessment;

import java.util.List;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "我包联的单位" for every staff member, and the assignments for administrators. */
@Controller
class ContactPages {

    private final Contacts contacts;
    private final Actors actors;
    private final Surveys surveys;

    ContactPages(Contacts contacts, Actors actors, Surveys surveys) {
        this.contacts = contacts;
        this.actors = actors;
        this.surveys = surveys;
    }

    @GetMapping("/assessment/contacts")
    String contacts(Model model) {
        Actor actor = actors.current();
        model.addAttribute("mine", contacts.mine(actor));
        boolean admin = actor.is(Role.ADMIN);
        model.addAttribute("admin", admin);
        model.addAttribute("assignments", admin ? contacts.assignments(actor) : List.of());
        model.addAttribute("leaders", admin ? contacts.leaders(actor) : java.util.Map.of());
        model.addAttribute("choices", admin ? surveys.choices(actor) : List.of());
        model.addAttribute("today", contacts.today());
        return "assessment/contacts";
    }

    @PostMapping("/assessment/contacts")
    String assign(
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        contacts.assign(actors.current(), username, unit, from, to);
        return "redirect:/assessment/contacts";
    }

    @PostMapping("/assessment/contacts/{id}/end")
    String end(@PathVariable long id) {
        contacts.end(actors.current(), id);
        return "redirect:/assessment/contacts";
    }
}
