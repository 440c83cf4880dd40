package org.jiesu.dispatch;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to dispatch a request: to a named unit, or (when {@code unitId} is empty) wherever the catalogue sends its
 * category at its place. Supporting units get orders of their own.
 */
public record DispatchCommand(
        @Nullable Long unitId,
        @Nullable @Size(max = 64) String categoryCode,
        @Nullable @Size(max = Orders.MAX_SUPPORTS) List<Long> supportUnitIds,
        @Nullable @Size(max = Orders.MAX_NOTE) String note) {}
