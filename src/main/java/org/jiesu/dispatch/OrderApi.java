package org.jiesu.dispatch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.jiesu.intake.Intake;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.units.Route;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Orders", description = "Dispatch and the order lifecycle")
class OrderApi {

    private final Orders orders;
    private final Intake intake;
    private final RouteProposals proposals;
    private final Actors actors;

    OrderApi(Orders orders, Intake intake, RouteProposals proposals, Actors actors) {
        this.orders = orders;
        this.intake = intake;
        this.proposals = proposals;
        this.actors = actors;
    }

    @GetMapping("/track/{trackingCode}")
    @Operation(summary = "A resident follows their request by tracking code (no account needed)")
    RequestTracking track(@PathVariable String trackingCode) {
        return orders.track(trackingCode);
    }

    @GetMapping("/requests/{id}/route")
    @Operation(summary = "Where the catalogue would send this request")
    Route suggest(@PathVariable long id, @RequestParam(required = false) @Nullable String category) {
        intake.get(id, actors.current());
        return orders.suggest(id, category);
    }

    @GetMapping("/requests/{id}/route-proposal")
    @Operation(
            summary = "The catalogue's proposal recorded when the request came in",
            description = "Worked out just after intake; 404 until then. unitId is null when the catalogue could not"
                    + " propose a unit, and explanation says why.")
    RouteProposal proposal(@PathVariable long id) {
        return proposals
                .find(id)
                .orElseThrow(() -> JiesuException.notFound("Request " + id + " has no route proposal (yet)."));
    }

    @PostMapping("/requests/{id}/dispatch")
    @Operation(summary = "Dispatch a waiting request, to a named unit or through the catalogue")
    ResponseEntity<Order> dispatch(
            @PathVariable long id, @Valid @RequestBody(required = false) @Nullable DispatchCommand command) {
        Order order = orders.dispatch(
                id, command == null ? new DispatchCommand(null, null, null, null) : command, actors.current());
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id()))
                .body(order);
    }

    @GetMapping("/requests/{id}/similar")
    @Operation(summary = "Open orders that may be about the same matter: same category, nearby, similar words")
    List<SimilarOrder> similar(@PathVariable long id) {
        Actor actor = actors.current();
        intake.get(id, actor);
        return orders.similarOpen(id, 10).stream()
                .filter(o -> orders.find(o.orderId())
                        .filter(x -> actors.mayActFor(actor, x.unitId()))
                        .isPresent())
                .toList();
    }

    @PostMapping("/requests/{id}/merge")
    @Operation(summary = "Join a waiting request to the order already handling the same matter (并单)")
    Order attach(@PathVariable long id, @Valid @RequestBody Merge body) {
        return orders.attach(id, body.intoOrderId(), body.reason(), actors.current());
    }

    @GetMapping("/requests/{id}/orders")
    @Operation(summary = "All orders a request has had")
    List<Order> ordersOfRequest(@PathVariable long id) {
        return orders.forRequest(id, actors.current());
    }

    @GetMapping("/orders")
    @Operation(summary = "The inbox: open orders of my unit and the units below it, urged first")
    List<Order> inbox() {
        return orders.inbox(actors.current());
    }

    @GetMapping("/orders/{id}")
    @Operation(summary = "One order")
    Order get(@PathVariable long id) {
        return orders.get(id, actors.current());
    }

    @GetMapping("/orders/{id}/history")
    @Operation(summary = "The order's append-only history")
    List<HistoryEntry> history(@PathVariable long id) {
        orders.get(id, actors.current());
        return orders.history(id);
    }

    @PostMapping("/orders/{id}/sign")
    @Operation(summary = "Sign for an order (签收)")
    Order sign(@PathVariable long id) {
        return orders.sign(id, actors.current());
    }

    @PostMapping("/orders/{id}/return")
    @Operation(summary = "Ask to return an order (退单), within the return window")
    Order requestReturn(@PathVariable long id, @Valid @RequestBody Reason body) {
        return orders.requestReturn(id, body.reason(), actors.current());
    }

    @PostMapping("/orders/{id}/return-ruling")
    @Operation(summary = "A supervisor approves (改派) or rejects a return")
    Order ruling(@PathVariable long id, @Valid @RequestBody Ruling body) {
        return orders.ruleOnReturn(id, body.approve(), body.reason(), body.unitId(), actors.current());
    }

    @PostMapping("/orders/{id}/extension")
    @Operation(summary = "Extend the reply deadline (延期)")
    Order extend(@PathVariable long id, @Valid @RequestBody Reason body) {
        return orders.extend(id, body.reason(), actors.current());
    }

    @PostMapping("/orders/{id}/escalation")
    @Operation(summary = "Escalate one level up (升级)")
    Order escalate(@PathVariable long id, @Valid @RequestBody Reason body) {
        return orders.escalate(id, body.reason(), actors.current());
    }

    @PostMapping("/orders/{id}/merge")
    @Operation(summary = "Merge into the order handling the same matter (并单)")
    Order merge(@PathVariable long id, @Valid @RequestBody Merge body) {
        return orders.merge(id, body.intoOrderId(), body.reason(), actors.current());
    }

    @PostMapping("/orders/{id}/urge")
    @Operation(summary = "Urge the unit (督办)")
    Order urge(@PathVariable long id, @Valid @RequestBody Reason body) {
        return orders.urge(id, body.reason(), actors.current());
    }

    @PostMapping("/orders/{id}/reply")
    @Operation(summary = "Reply (答复)")
    Order reply(@PathVariable long id, @Valid @RequestBody Reply body) {
        return orders.reply(id, body.text(), actors.current());
    }

    @PostMapping("/orders/{id}/final-reply")
    @Operation(summary = "Final reply to an unreasonable request (最终答复), signed off by the unit head")
    Order finalReply(@PathVariable long id, @Valid @RequestBody FinalReply body) {
        return orders.finalReply(id, body.text(), body.signedOffBy(), actors.current());
    }

    record Reason(
            @NotBlank(message = "give a reason") @Size(max = Orders.MAX_REASON)
            String reason) {}

    record Ruling(
            @NotNull(message = "say whether the return is approved")
            Boolean approve,

            @NotBlank(message = "give the grounds of the ruling") @Size(max = Orders.MAX_REASON)
            String reason,

            @Nullable Long unitId) {}

    record Merge(
            @NotNull(message = "name the order to merge into")
            Long intoOrderId,

            @NotBlank(message = "give a reason") @Size(max = Orders.MAX_REASON)
            String reason) {}

    record Reply(
            @NotBlank(message = "write the reply") @Size(max = Orders.MAX_REASON)
            String text) {}

    record FinalReply(
            @NotBlank(message = "write the final reply") @Size(max = Orders.MAX_REASON)
            String text,

            @NotBlank(message = "name the unit head who signed it off") @Size(max = Orders.MAX_NAME)
            String signedOffBy) {}
}
