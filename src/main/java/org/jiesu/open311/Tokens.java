package org.jiesu.open311;

import java.security.SecureRandom;
import java.util.Optional;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.security.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tokens handed out on filing; each names the request it became. */
@Component
class Tokens {

    private final JdbcClient jdbc;
    private final Intake intake;
    private final SecureRandom random = new SecureRandom();

    Tokens(JdbcClient jdbc, Intake intake) {
        this.jdbc = jdbc;
        this.intake = intake;
    }

    record Filed(ResidentRequest request, String token) {}

    /**
     * Files the request through intake, as every channel does, and hands out its token in the same transaction. With
     * an idempotency key the client has used before, nothing is filed: the earlier request comes back, provided the
     * form is the same.
     */
    @Transactional
    Filed file(NewRequest request, Actor actor, long clientId, @Nullable String key, String fingerprint) {
        if (key != null) {
            // Serialises retries of one key: the second waits for the first and then finds its answer.
            jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
                    .params((int) clientId, key)
                    .query((rs, n) -> 1)
                    .list();
            Optional<Filed> earlier = jdbc.sql("""
                            select token, request_id, fingerprint from open311_token
                            where client_id = ? and idempotency_key = ?""")
                    .params(clientId, key)
                    .query((rs, n) -> {
                        if (!fingerprint.equals(rs.getString("fingerprint"))) {
                            throw new Open311Error(
                                    422, "Idempotency-Key was used before with a different request: use a new key.");
                        }
                        return new Filed(intake.get(rs.getLong("request_id")), rs.getString("token"));
                    })
                    .optional();
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        ResidentRequest saved = intake.receive(request, actor);
        String token = ApiKeys.randomText(random, 24);
        jdbc.sql("""
                        insert into open311_token (token, request_id, client_id, idempotency_key, fingerprint)
                        values (?, ?, ?, ?, ?)""")
                .params(token, saved.id(), clientId, key, key == null ? null : fingerprint)
                .update();
        return new Filed(saved, token);
    }

    Optional<Long> requestOf(String token) {
        if (token == null || token.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql("select request_id from open311_token where token = ?")
                .param(token)
                .query(Long.class)
                .optional();
    }
}
