package org.jiesu.units;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Units and catalogue", description = "The unit tree, categories and the dispatch catalogue")
class UnitApi {

    private final UnitDirectory units;

    UnitApi(UnitDirectory units) {
        this.units = units;
    }

    @GetMapping("/units")
    @Operation(summary = "All units of the tree")
    List<Unit> units() {
        return units.units();
    }

    @GetMapping("/units/{id}")
    @Operation(summary = "One unit with the line of units above it")
    UnitView unit(@PathVariable long id) {
        return new UnitView(units.unit(id), units.lineage(id), units.children(id));
    }

    @GetMapping("/categories")
    @Operation(summary = "Request categories")
    List<Category> categories() {
        return units.categories();
    }

    @GetMapping("/catalogue")
    @Operation(summary = "The dispatch catalogue")
    List<CatalogueEntry> catalogue() {
        return units.catalogue();
    }

    @GetMapping("/route")
    @Operation(summary = "Where the catalogue would send a matter of this category at this place")
    Route route(
            @RequestParam String category,
            @RequestParam(required = false) @Nullable Double latitude,
            @RequestParam(required = false) @Nullable Double longitude,
            @RequestParam(required = false) @Nullable Long communityId) {
        return units.route(latitude, longitude, communityId, category, Set.of());
    }

    record UnitView(Unit unit, List<Unit> lineage, List<Unit> children) {}
}
