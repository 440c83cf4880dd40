package org.jiesu.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/requests")
@Tag(name = "Requests", description = "Residents' requests from every channel")
class RequestApi {

    private final Intake intake;
    private final Actors actors;

    RequestApi(Intake intake, Actors actors) {
        this.intake = intake;
        this.actors = actors;
    }

    @PostMapping
    @Operation(
            summary = "File a request",
            description = "Open to residents (channel WEB or API); staff may record any channel.")
    ResponseEntity<ResidentRequest> file(@Valid @RequestBody NewRequest request) {
        ResidentRequest saved = intake.receive(request, actors.current());
        return ResponseEntity.created(URI.create("/api/v1/requests/" + saved.id()))
                .body(saved);
    }

    @GetMapping
    @Operation(summary = "Requests waiting for dispatch, or the most recent ones")
    List<ResidentRequest> list(@RequestParam(defaultValue = "waiting") String view) {
        Actor actor = actors.current();
        actors.requireRole(actor, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
        return (view.equals("recent") ? intake.recent(100) : intake.awaitingDispatch(200))
                .stream().filter(r -> intake.mayRead(actor, r)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One request, contact masked")
    ResidentRequest get(@PathVariable long id) {
        return intake.get(id, actors.current());
    }

    @GetMapping("/{id}/log")
    @Operation(summary = "The request's own history at intake")
    List<RequestLogEntry> log(@PathVariable long id) {
        intake.get(id, actors.current());
        return intake.log(id);
    }

    @PostMapping("/{id}/answer")
    @Operation(summary = "Answer a consultation directly, closing it without an order")
    ResidentRequest answer(@PathVariable long id, @Valid @RequestBody Answer body) {
        intake.get(id, actors.current());
        return intake.answerDirectly(id, body.answer(), actors.current());
    }

    @PostMapping("/{id}/contact")
    @Operation(summary = "Unmask the contact details; every unmasking is audited with its reason")
    Contact contact(@PathVariable long id, @Valid @RequestBody Reason body) {
        intake.get(id, actors.current());
        return intake.unmaskContact(id, body.reason(), actors.current());
    }

    record Answer(
            @NotBlank(message = "write the answer") @Size(max = NewRequest.MAX_TEXT)
            String answer) {}

    record Reason(
            @NotBlank(message = "say why you need it") @Size(max = NewRequest.MAX_REASON)
            String reason) {}
}
