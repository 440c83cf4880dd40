package org.jiesu.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jiesu.dispatch.Order;
import org.jiesu.dispatch.Orders;
import org.jiesu.intake.Intake;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Where staff land after signing in: the work waiting for their role, with counts, one click away. */
@Controller
class StaffPage {

    /** The queue is read up to this many; more than that shows as "200+". */
    private static final int QUEUE_PEEK = 200;

    /**
     * One tile of the dashboard.
     *
     * @param alert true when the count means something is late and wants attention first
     */
    record Card(String title, String href, String count, String note, boolean alert) {}

    private final Actors actors;
    private final Intake intake;
    private final Orders orders;
    private final Clock clock;

    StaffPage(Actors actors, Intake intake, Orders orders, Clock clock) {
        this.actors = actors;
        this.intake = intake;
        this.orders = orders;
        this.clock = clock;
    }

    @GetMapping("/staff")
    String staff(Model model) {
        Actor actor = actors.current();
        Instant now = Instant.now(clock);
        List<Card> cards = new ArrayList<>();
        boolean hotline = actor.is(Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
        if (hotline || actor.is(Role.GRID_WORKER)) {
            cards.add(new Card("录入诉求", "/operator/new", "+", "电话、走访、恳谈会收到的诉求", false));
        }
        if (hotline) {
            int waiting = intake.awaitingDispatch(QUEUE_PEEK).size();
            cards.add(new Card(
                    "待派诉求",
                    "/operator/queue",
                    waiting >= QUEUE_PEEK ? QUEUE_PEEK + "+" : String.valueOf(waiting),
                    "已受理、尚未派单或直接答复",
                    false));
        }
        List<Order> inbox = orders.inbox(actor);
        long overdue = inbox.stream().filter(o -> o.overdueAt(now)).count();
        long urged = inbox.stream().filter(Order::urged).count();
        cards.add(new Card(
                "工单",
                "/inbox",
                String.valueOf(inbox.size()),
                "办理中的工单" + (urged > 0 ? "，其中督办 " + urged + " 件" : ""),
                false));
        cards.add(new Card("已超期", "/inbox", String.valueOf(overdue), "签收或答复已过时限", overdue > 0));
        if (actor.is(Role.SUPERVISOR, Role.ADMIN)) {
            int returns = orders.pendingReturns(actor).size();
            cards.add(new Card("待裁决退单", "/supervisor", String.valueOf(returns), "承办单位申请退回的工单", returns > 0));
        }
        if (hotline) {
            cards.add(new Card(
                    "待回访",
                    "/callbacks",
                    String.valueOf(orders.awaitingCallback().size()),
                    "已答复，等待回访诉求人",
                    false));
        }
        model.addAttribute("me", actor);
        model.addAttribute("cards", cards);
        return "staff";
    }
}
