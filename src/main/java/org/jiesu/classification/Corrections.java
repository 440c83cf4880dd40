package org.jiesu.classification;

import java.sql.Timestamp;
import java.time.Clock;
import org.jiesu.security.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Keeps an operator's choice of category where it differs from the model's first suggestion, as training data for the
 * next model. The latest choice for a request counts.
 */
@Service
public class Corrections {

    private final JdbcClient jdbc;
    private final Clock clock;

    Corrections(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the choice when it differs from what the model put first; returns whether it was a correction. */
    public boolean record(long requestId, String text, Classification shown, @Nullable String chosenCode, Actor by) {
        if (chosenCode == null || text == null || text.isBlank() || shown.modelVersion() == null) {
            return false;
        }
        CategorySuggestion top = shown.top();
        if (top != null && top.code().equals(chosenCode)) {
            return false;
        }
        jdbc.sql("""
                        insert into classifier_correction (request_id, text, suggested_code, confidence, model_version,
                                                           chosen_code, corrected_by, corrected_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (request_id) do update set chosen_code = excluded.chosen_code,
                            corrected_by = excluded.corrected_by, corrected_at = excluded.corrected_at""")
                .params(
                        requestId,
                        text.length() > 20_000 ? text.substring(0, 20_000) : text,
                        top == null ? null : top.code(),
                        top == null ? null : top.score(),
                        shown.modelVersion(),
                        chosenCode,
                        by.username(),
                        Timestamp.from(clock.instant()))
                .update();
        return true;
    }
}
