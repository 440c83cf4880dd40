package org.jiesu.open311;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jiesu.security.Actors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/open311/clients")
@Tag(name = "Open311 clients", description = "API keys of the apps that file through Open311 (administrators)")
class ApiKeyApi {

    private final ApiKeys keys;
    private final Actors actors;

    ApiKeyApi(ApiKeys keys, Actors actors) {
        this.keys = keys;
        this.actors = actors;
    }

    @GetMapping
    @Operation(summary = "The clients, without their keys")
    List<ApiKeys.Client> all() {
        return keys.all(actors.current());
    }

    @PostMapping
    @Operation(summary = "Issue a key for a new client; the key is shown this once and kept only as a hash")
    ResponseEntity<ApiKeys.Issued> issue(@Valid @RequestBody NewClient body) {
        return ResponseEntity.status(201).body(keys.issue(body.name(), actors.current()));
    }

    @PostMapping("/{id}/revoke")
    @Operation(summary = "Revoke a client's key: filing with it is refused from now on")
    ApiKeys.Client revoke(@PathVariable long id) {
        return keys.revoke(id, actors.current());
    }

    record NewClient(
            @NotBlank(message = "name the client") @Size(max = 100, message = "at most {max} characters")
            String name) {}
}
