package org.jiesu.assessment;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jiesu.platform.FixedWindowLimit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public survey page, no sign-in: enter the code from the slip, rate each item, done. Entering codes is limited
 * per client address in memory, so codes cannot be guessed at speed; the address is never stored.
 */
@Controller
class SurveyAnswerPages {

    private final Surveys surveys;
    private final FixedWindowLimit tries;
    private final int limit;

    SurveyAnswerPages(
            Surveys surveys,
            Clock clock,
            @Value("${jiesu.rate-limit.window:PT1M}") Duration window,
            @Value("${jiesu.rate-limit.look-ups:60}") int limit) {
        this.surveys = surveys;
        this.tries = new FixedWindowLimit(clock, window);
        this.limit = limit;
    }

    @GetMapping("/survey")
    String enter() {
        return "assessment/survey-answer";
    }

    @PostMapping("/survey")
    String open(
            @RequestParam(required = false) String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (throttled(request, response, model)) {
            return "assessment/survey-answer";
        }
        try {
            Surveys.Survey survey = surveys.forCode(code);
            model.addAttribute("survey", survey);
            model.addAttribute("ratings", Surveys.Rating.values());
            model.addAttribute("code", code.trim());
            return "assessment/survey-answer";
        } catch (SurveyRefused refused) {
            return refused(refused, code, response, model);
        }
    }

    @PostMapping("/survey/answer")
    String answer(
            @RequestParam(required = false) String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (throttled(request, response, model)) {
            return "assessment/survey-answer";
        }
        List<String> ratings = new ArrayList<>();
        for (int i = 0; i < Surveys.MAX_ITEMS; i++) {
            String r = request.getParameter("r" + i);
            if (r == null) {
                break;
            }
            ratings.add(r);
        }
        try {
            surveys.answer(code, ratings);
            model.addAttribute("thanks", true);
            return "assessment/survey-answer";
        } catch (SurveyRefused refused) {
            if (refused.reason() == SurveyRefused.Reason.INCOMPLETE) {
                model.addAttribute("survey", surveys.forCode(code));
                model.addAttribute("code", code.trim());
                model.addAttribute("chosen", ratings);
                model.addAttribute("ratings", Surveys.Rating.values());
            }
            return refused(refused, code, response, model);
        }
    }

    private boolean throttled(HttpServletRequest request, HttpServletResponse response, Model model) {
        long wait = tries.admit(request.getRemoteAddr(), limit);
        if (wait == 0) {
            return false;
        }
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(wait));
        model.addAttribute("refusal", "dashboard.survey.refused.TOO_MANY");
        return true;
    }

    private static String refused(SurveyRefused refused, String code, HttpServletResponse response, Model model) {
        response.setStatus(refused.status().value());
        model.addAttribute("refusal", refused.key());
        model.addAttribute("typed", code == null ? "" : code.trim());
        return "assessment/survey-answer";
    }
}
