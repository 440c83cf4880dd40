package org.jiesu.web;

import java.util.Map;
import org.jiesu.dispatch.OrderState;
import org.jiesu.dispatch.Orders;
import org.jiesu.intake.Intake;
import org.jiesu.intake.RequestStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public front page: what Jiesu is, where to file a request, where to follow one. */
@Controller
class HomePage {

    /** How much the platform has handled, as residents see it. */
    record Counts(long received, long open, long done) {}

    private final Intake intake;
    private final Orders orders;

    HomePage(Intake intake, Orders orders) {
        this.intake = intake;
        this.orders = orders;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("counts", counts());
        return "home";
    }

    private Counts counts() {
        Map<RequestStatus, Long> requests = intake.countByStatus();
        Map<OrderState, Long> leads = orders.countLeadByState();
        long open = leads.entrySet().stream()
                .filter(e -> !e.getKey().terminal())
                .mapToLong(Map.Entry::getValue)
                .sum();
        long done = leads.getOrDefault(OrderState.CLOSED, 0L) + requests.getOrDefault(RequestStatus.ANSWERED, 0L);
        long received = requests.values().stream().mapToLong(Long::longValue).sum();
        return new Counts(received, open, done);
    }
}
