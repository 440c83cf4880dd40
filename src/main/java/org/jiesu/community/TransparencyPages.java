package org.jiesu.community;

import jakarta.servlet.http.HttpServletResponse;
import java.time.YearMonth;
import java.util.Optional;
import org.jiesu.assessment.Period;
import org.jiesu.platform.LagTolerant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public transparency page (政务公开): what residents asked and how well it was handled, for the current month or
 * one they choose, with no sign-in. A month that cannot be read comes back as typed with a message and a 400.
 */
@Controller
class TransparencyPages {

    private final TransparencyBoard board;

    TransparencyPages(TransparencyBoard board) {
        this.board = board;
    }

    @LagTolerant
    @GetMapping("/public")
    String transparency(
            @RequestParam(required = false) @Nullable String month, Model model, HttpServletResponse response) {
        YearMonth now = board.thisMonth();
        String typed = month == null ? "" : month.strip();
        model.addAttribute("typed", typed);
        model.addAttribute("thisMonth", now);
        String error = null;
        YearMonth chosen = now;
        if (!typed.isEmpty()) {
            Optional<YearMonth> parsed = Period.parseMonth(typed);
            if (parsed.isEmpty()) {
                error = "transparency.error.month";
            } else if (parsed.get().isAfter(now)) {
                error = "transparency.error.future";
            } else if (parsed.get().isBefore(TransparencyBoard.EARLIEST)) {
                error = "transparency.error.early";
            } else {
                chosen = parsed.get();
            }
        }
        if (error != null) {
            model.addAttribute("error", error);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "community/transparency";
        }
        model.addAttribute("report", board.report(chosen));
        return "community/transparency";
    }
}
