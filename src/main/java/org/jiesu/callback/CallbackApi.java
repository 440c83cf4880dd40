package org.jiesu.callback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.jiesu.dispatch.Order;
import org.jiesu.dispatch.Orders;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Callbacks", description = "The hotline calls residents back after a reply (回访)")
class CallbackApi {

    private final Callbacks callbacks;
    private final Orders orders;
    private final Actors actors;

    CallbackApi(Callbacks callbacks, Orders orders, Actors actors) {
        this.callbacks = callbacks;
        this.orders = orders;
        this.actors = actors;
    }

    @GetMapping("/callbacks/pending")
    @Operation(summary = "Replied orders waiting for a callback")
    List<Order> pending() {
        Actor actor = actors.current();
        actors.requireRole(actor, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
        return orders.awaitingCallback().stream()
                .filter(o -> actors.mayActFor(actor, o.unitId()))
                .toList();
    }

    @GetMapping("/orders/{id}/callbacks")
    @Operation(summary = "Callbacks made for an order")
    List<CallbackRecord> list(@PathVariable long id) {
        orders.get(id, actors.current());
        return callbacks.forOrder(id);
    }

    @PostMapping("/orders/{id}/callbacks")
    @Operation(summary = "Record a callback: resolved or not, satisfaction, or unreachable")
    Order record(@PathVariable long id, @Valid @RequestBody CallbackForm form) {
        return callbacks.record(id, form, actors.current());
    }
}
