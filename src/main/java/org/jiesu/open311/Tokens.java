package org.jiesu.open311;

import java.security.SecureRandom;
import java.util.Optional;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.security.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tokens handed out on filing; each names the request it became. */
@Component
class Tokens {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final Intake intake;
    private final SecureRandom random = new SecureRandom();

    Tokens(JdbcClient jdbc, Intake intake) {
        this.jdbc = jdbc;
        this.intake = intake;
    }

    record Filed(ResidentRequest request, String token) {}

    /** Files the request through intake, as every channel does, and hands out its token in the same transaction. */
    @Transactional
    Filed file(NewRequest request, Actor actor, long clientId) {
        ResidentRequest saved = intake.receive(request, actor);
        return new Filed(saved, issue(saved.id(), clientId));
    }

    String issue(long requestId, long clientId) {
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        jdbc.sql("insert into open311_token (token, request_id, client_id) values (?, ?, ?)")
                .params(token.toString(), requestId, clientId)
                .update();
        return token.toString();
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
