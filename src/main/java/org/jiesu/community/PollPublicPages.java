package org.jiesu.community;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.FixedWindowLimit;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The residents' side of "you pick, we test": open and recent polls, a poll with its live counts, voting by a texted
 * code or a paper code, and the published inspection results. No account; nothing about who voted is shown.
 */
@Controller
class PollPublicPages {

    private final Polls polls;
    private final CommunityTexts messages;
    private final FixedWindowLimit posts;
    private final int limit;

    PollPublicPages(
            Polls polls,
            CommunityTexts messages,
            Clock clock,
            @Value("${jiesu.rate-limit.window:PT1M}") Duration window,
            @Value("${jiesu.polls.posts-per-window:20}") int limit) {
        this.polls = polls;
        this.messages = messages;
        this.posts = new FixedWindowLimit(clock, window);
        this.limit = limit;
    }

    /**
     * Every vote and every text is limited per client address: texts cost money and paper codes must not be
     * guessed by trying many.
     */
    private @Nullable String throttled(long id, HttpServletRequest request, HttpServletResponse response, Model model) {
        long wait = posts.admit(request.getRemoteAddr(), limit);
        if (wait == 0) {
            return null;
        }
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(wait));
        return page(
                model,
                id,
                null,
                Map.of(),
                List.of(InputProblem.of("phone", "polls.error.tooMany", "Too many tries; wait a minute.")));
    }

    @GetMapping("/public/polls")
    String list(Model model) {
        model.addAttribute("polls", polls.publicList());
        return "community/polls";
    }

    @GetMapping("/public/polls/{id}")
    String poll(@PathVariable long id, Model model) {
        return page(model, id, null, Map.of(), List.of());
    }

    /** The live counts alone, for the page to refresh every few seconds. */
    @GetMapping("/public/polls/{id}/results")
    String results(@PathVariable long id, Model model) {
        model.addAttribute("poll", polls.publicPoll(id));
        model.addAttribute("tally", polls.tally(id));
        return "community/poll :: tally";
    }

    @PostMapping("/public/polls/{id}/phone")
    String sendCode(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String phone,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        String refused = throttled(id, request, response, model);
        if (refused != null) {
            return refused;
        }
        try {
            long check = polls.sendCode(id, phone);
            model.addAttribute("sent", true);
            return page(model, id, check, Map.of(), List.of());
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, id, null, Map.of("phone", phone), e.inputProblems());
        }
    }

    @PostMapping("/public/polls/{id}/phone-vote")
    String voteByPhone(
            @PathVariable long id,
            @RequestParam(name = "check", defaultValue = "") String checkId,
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String option,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String refused = throttled(id, request, response, model);
        if (refused != null) {
            return refused;
        }
        long check = checkNumber(checkId);
        try {
            polls.voteByPhone(id, check, code, option);
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            boolean retry = e.inputProblems().stream()
                    .map(InputProblem::key)
                    .allMatch(k -> k.equals("polls.error.wrongCode") || k.equals("polls.error.option"));
            return page(model, id, retry ? check : null, Map.of("option", option), e.inputProblems());
        }
        redirect.addFlashAttribute("flashSuccess", messages.text("polls.vote.thanks"));
        return "redirect:/public/polls/" + id;
    }

    @PostMapping("/public/polls/{id}/code-vote")
    String voteByCode(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String paperCode,
            @RequestParam(defaultValue = "") String option,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String refused = throttled(id, request, response, model);
        if (refused != null) {
            return refused;
        }
        try {
            polls.voteByCode(id, paperCode, option);
        } catch (InputRefusal e) {
            response.setStatus(e.status().value());
            return page(model, id, null, Map.of("paperCode", paperCode, "paperOption", option), e.inputProblems());
        }
        redirect.addFlashAttribute("flashSuccess", messages.text("polls.vote.thanks"));
        return "redirect:/public/polls/" + id;
    }

    /** A tampered check id is simply no check: the vote is refused as for an expired code. */
    private static long checkNumber(String typed) {
        try {
            return Long.parseLong(typed.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String page(
            Model model, long id, @Nullable Long check, Map<String, String> typed, List<InputProblem> problems) {
        Polls.Poll poll = polls.publicPoll(id);
        model.addAttribute("poll", poll);
        model.addAttribute("tally", polls.tally(id));
        model.addAttribute("options", polls.options(id));
        model.addAttribute("check", check);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", messages.byField(problems));
        return "community/poll";
    }
}
