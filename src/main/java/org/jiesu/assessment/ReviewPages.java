package org.jiesu.assessment;

import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The quarterly review: units and their rates for a quarter, lagging ones first, and the decisions taken. */
@Controller
class ReviewPages {

    private final Reviews reviews;
    private final Actors actors;

    ReviewPages(Reviews reviews, Actors actors) {
        this.reviews = reviews;
        this.actors = actors;
    }

    @GetMapping("/assessment/review")
    String review(@RequestParam(required = false) String quarter, Model model) {
        Actor actor = actors.current();
        Quarter q = reviews.quarter(quarter);
        model.addAttribute("quarter", q);
        model.addAttribute("previous", q.previous());
        model.addAttribute("rows", reviews.rows(actor, q));
        model.addAttribute("thresholds", reviews.thresholds());
        model.addAttribute("kinds", Reviews.Kind.values());
        return "assessment/review";
    }

    @PostMapping("/assessment/review")
    String decide(
            @RequestParam(required = false) String quarter,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        Reviews.Decision d = reviews.decide(actors.current(), quarter, unit, kind, note);
        redirect.addAttribute("quarter", d.quarter());
        redirect.addFlashAttribute("decided", d);
        return "redirect:/assessment/review";
    }
}
