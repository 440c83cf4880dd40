package org.jiesu.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jiesu.audit.AuditLog;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The clients allowed to file through Open311, each with its own key; administrators issue and revoke them. */
@Service
public class ApiKeys {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final Actors actors;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(JdbcClient jdbc, Actors actors, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.actors = actors;
        this.audit = audit;
        this.clock = clock;
    }

    /** A client as administrators see it: never its key. */
    public record Client(
            long id,
            String name,
            Instant createdAt,
            String createdBy,
            @Nullable Instant revokedAt) {}

    /** A new client's key, shown once. */
    public record Issued(Client client, String apiKey) {}

    /** Issues a key for a new client. */
    @Transactional
    public Issued issue(String name, Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        String key = randomKey();
        return new Issued(register(name, key, actor), key);
    }

    /** Registers a client with a key chosen elsewhere (the demo's well-known key). */
    @Transactional
    public Client register(String name, String key, Actor actor) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw JiesuException.invalid("name: name the client in 1 to 100 characters.");
        }
        if (jdbc.sql("select count(*) from open311_client where name = ?")
                        .param(clean)
                        .query(Long.class)
                        .single()
                > 0) {
            throw JiesuException.conflict("There is a client named '" + clean + "' already.");
        }
        long id = jdbc.sql("""
                        insert into open311_client (name, key_hash, created_at, created_by)
                        values (?, ?, ?, ?) returning id""")
                .params(clean, hash(key), Timestamp.from(Instant.now(clock)), actor.username())
                .query(Long.class)
                .single();
        audit.record(actor.username(), "OPEN311_KEY_ISSUED", "open311-client:" + id, clean);
        return get(id);
    }

    @Transactional
    public Client revoke(long id, Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        Client c = get(id);
        jdbc.sql("update open311_client set revoked_at = coalesce(revoked_at, ?) where id = ?")
                .params(Timestamp.from(Instant.now(clock)), id)
                .update();
        audit.record(actor.username(), "OPEN311_KEY_REVOKED", "open311-client:" + id, c.name());
        return get(id);
    }

    public List<Client> all(Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        return jdbc.sql("select * from open311_client order by id")
                .query(this::map)
                .list();
    }

    public Client get(long id) {
        return jdbc.sql("select * from open311_client where id = ?")
                .param(id)
                .query(this::map)
                .optional()
                .orElseThrow(() -> JiesuException.notFound("There is no Open311 client " + id + "."));
    }

    /** The client a key belongs to, if the key is known and not revoked. */
    Optional<Client> clientFor(@Nullable String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql("select * from open311_client where key_hash = ? and revoked_at is null")
                .param(hash(key.strip()))
                .query(this::map)
                .optional();
    }

    private Client map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new Client(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                revoked == null ? null : revoked.toInstant());
    }

    private String randomKey() {
        // 32 symbols of 33: about 161 bits.
        return randomText(random, 32);
    }

    /** Random lower-case letters and digits, without the ones people misread (l, 0, 1). */
    static String randomText(SecureRandom random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
