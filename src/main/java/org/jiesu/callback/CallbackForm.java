package org.jiesu.callback;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * One callback attempt. {@code requestId} may be left out when the order answers one request only; satisfaction is
 * asked whenever the resident was reached.
 */
public record CallbackForm(
        @Nullable Long requestId,

        @NotNull(message = "say whether it was resolved, or that the resident was unreachable")
        Outcome outcome,

        @Nullable Satisfaction satisfaction,

        @Nullable @Size(max = CallbackForm.MAX_NOTE, message = "at most {max} characters")
        String note) {

    public static final int MAX_NOTE = 1000;
}
