package org.jiesu.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jiesu.assessment.Contacts;
import org.jiesu.community.Meetings;
import org.jiesu.dispatch.Order;
import org.jiesu.dispatch.Orders;
import org.jiesu.intake.Intake;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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

    private Card card(String key, String href, String count, boolean alert, Object... noteArgs) {
        Locale locale = LocaleContextHolder.getLocale();
        return new Card(
                messages.getMessage("common.staff." + key, null, locale),
                href,
                count,
                messages.getMessage("common.staff." + key + ".note", noteArgs, locale),
                alert);
    }

    private final Actors actors;
    private final Intake intake;
    private final Orders orders;
    private final Clock clock;
    private final MessageSource messages;
    private final Contacts contacts;
    private final Meetings meetings;

    StaffPage(
            Actors actors,
            Intake intake,
            Orders orders,
            Clock clock,
            MessageSource messages,
            Contacts contacts,
            Meetings meetings) {
        this.meetings = meetings;
        this.messages = messages;
        this.contacts = contacts;
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
            cards.add(card("entry", "/operator/new", "+", false));
        }
        if (hotline) {
            int waiting = intake.awaitingDispatch(QUEUE_PEEK).size();
            cards.add(card(
                    "queue",
                    "/operator/queue",
                    waiting >= QUEUE_PEEK ? QUEUE_PEEK + "+" : String.valueOf(waiting),
                    false));
        }
        List<Order> inbox = orders.inbox(actor);
        long overdue = inbox.stream().filter(o -> o.overdueAt(now)).count();
        long urged = inbox.stream().filter(Order::urged).count();
        cards.add(card(urged > 0 ? "inboxUrged" : "inbox", "/inbox", String.valueOf(inbox.size()), false, urged));
        cards.add(card("overdue", "/inbox", String.valueOf(overdue), overdue > 0));
        if (actor.is(Role.SUPERVISOR, Role.ADMIN)) {
            int returns = orders.pendingReturns(actor).size();
            cards.add(card("returns", "/supervisor", String.valueOf(returns), returns > 0));
        }
        if (hotline) {
            cards.add(card(
                    "callbacks",
                    "/callbacks",
                    String.valueOf(orders.awaitingCallback().size()),
                    false));
        }
        int contacted = contacts.contactedCount(actor);
        if (contacted > 0) {
            Locale locale = LocaleContextHolder.getLocale();
            cards.add(new Card(
                    messages.getMessage("dashboard.contacts.card", null, locale),
                    "/assessment/contacts",
                    String.valueOf(contacted),
                    messages.getMessage("dashboard.contacts.card.note", null, locale),
                    false));
        }
        if (meetings.organises(actor)) {
            Locale locale = LocaleContextHolder.getLocale();
            cards.add(new Card(
                    messages.getMessage("meetings.card", null, locale),
                    "/community/meetings",
                    String.valueOf(meetings.comingCount(actor)),
                    messages.getMessage("meetings.card.note", null, locale),
                    false));
        }
        model.addAttribute("me", actor);
        model.addAttribute("cards", cards);
        return "staff";
    }
}
