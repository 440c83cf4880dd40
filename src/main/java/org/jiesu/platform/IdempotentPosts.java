package org.jiesu.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a retried POST to the JSON API safe. A client that sends {@code Idempotency-Key} and gets no answer (a
 * timeout, a dropped connection, a crash) sends the same request with the same key again: if the first one was
 * saved, the retry gets the first answer again (same status, same body, {@code Idempotent-Replayed: true}) and
 * nothing is created twice; if it was not, the retry is handled as new.
 *
 * <p>The key row is inserted first, in one transaction with everything the request writes, and the answer is stored
 * in it before that transaction commits. So a key is taken exactly when its request's effects are, the primary key
 * makes a concurrent duplicate wait for the first and then replay it, and the answer leaves only after the commit.
 * Only 2xx answers are kept: a refusal or a failure writes nothing, and a retry may succeed. Keys belong to the
 * caller (the signed-in user; all anonymous residents share one scope, so keys must be unguessable, e.g. UUIDs) and
 * expire after {@code jiesu.idempotency.keep} (24 h). The same key with a different request is refused with 422.
 * Multipart uploads are not covered: their body is the container's to read.
 */
@Component
@Order(0) // after Spring Security (-100): the key belongs to the caller it authenticated
class IdempotentPosts extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    /** The largest body kept for comparison; the JSON API takes nothing near this size except area imports. */
    private static final int MAX_BODY = 32 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(IdempotentPosts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final Clock clock;
    private final Duration keep;

    IdempotentPosts(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${jiesu.idempotency.keep:PT24H}") Duration keep) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.keep = keep;
    }

    private record Stored(
            String fingerprint,
            int status,
            @Nullable String contentType,
            @Nullable String location,
            byte[] body) {}

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = request.getContentType();
        return !"POST".equals(request.getMethod())
                || request.getHeader(HEADER) == null
                || !path.startsWith("/api/")
                || (type != null && type.toLowerCase().startsWith("multipart/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problem(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "Invalid input",
                    HEADER + ": 1 to " + MAX_KEY_LENGTH
                            + " visible ASCII characters, unique per request (a UUID is a good key).");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            problem(
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Too large",
                    "A request with " + HEADER + " may carry at most " + MAX_BODY / (1024 * 1024) + " MB.");
            return;
        }
        String caller = request.getRemoteUser() == null ? "" : request.getRemoteUser();
        String fingerprint = fingerprint(request, body);
        Instant now = clock.instant();

        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        TransactionStatus tx = transactions.getTransaction(new DefaultTransactionDefinition());
        boolean kept;
        try {
            Optional<Stored> earlier = claim(caller, key, fingerprint, now);
            if (earlier.isPresent()) {
                transactions.commit(tx);
                replay(earlier.get(), fingerprint, response);
                return;
            }
            chain.doFilter(new ReplayedBody(request, body), answer);
            kept = answer.getStatus() >= 200 && answer.getStatus() < 300;
            if (kept) {
                jdbc.sql("""
                                update idempotency_key set status = ?, content_type = ?, location = ?, body = ?
                                where caller = ? and key = ?""")
                        .params(
                                answer.getStatus(),
                                answer.getContentType(),
                                answer.getHeader(HttpHeaders.LOCATION),
                                answer.getContentAsByteArray(),
                                caller,
                                key)
                        .update();
                transactions.commit(tx);
            } else {
                rollBackQuietly(tx, null);
            }
        } catch (ServletException | IOException | RuntimeException | Error e) {
            rollBackQuietly(tx, e);
            throw e;
        }
        // Only now, with the request's effects and its key committed together, does the answer leave.
        answer.copyBodyToResponse();
    }

    /**
     * Undoes the key, and whatever the request wrote. When that fails, the connection is gone and PostgreSQL rolls
     * back by itself: the answer the request already has (its refusal, or a 503) stands, or the failure that got here.
     */
    private void rollBackQuietly(TransactionStatus tx, @Nullable Throwable failure) {
        if (tx.isCompleted()) {
            return;
        }
        try {
            transactions.rollback(tx);
        } catch (RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                log.debug("Rollback after a refused request failed", e);
            }
        }
    }

    /**
     * Takes the key for this request, or returns the answer kept under it. Inserting waits while another
     * transaction holds the same key, so of two concurrent requests with one key the second sees the first's answer.
     */
    private Optional<Stored> claim(String caller, String key, String fingerprint, Instant now) {
        jdbc.sql("delete from idempotency_key where caller = ? and key = ? and expires_at <= ?")
                .params(caller, key, Timestamp.from(now))
                .update();
        int taken = jdbc.sql("""
                        insert into idempotency_key (caller, key, fingerprint, created_at, expires_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(caller, key, fingerprint, Timestamp.from(now), Timestamp.from(now.plus(keep)))
                .update();
        if (taken == 1) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select fingerprint, status, content_type, location, body from idempotency_key
                        where caller = ? and key = ?""")
                .params(caller, key)
                .query((rs, n) ->
                        new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBytes(5)))
                .optional();
    }

    private static void replay(Stored earlier, String fingerprint, HttpServletResponse response) throws IOException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            problem(
                    response,
                    422,
                    "Key used for another request",
                    "This " + HEADER + " came with a different request before. Send a new key with a new request;"
                            + " repeat a request only with its own key.");
            return;
        }
        response.setStatus(earlier.status());
        response.setHeader(REPLAYED, "true");
        if (earlier.contentType() != null) {
            response.setContentType(earlier.contentType());
        }
        if (earlier.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, earlier.location());
        }
        response.setContentLength(earlier.body().length);
        response.getOutputStream().write(earlier.body());
    }

    /** The request as far as its meaning goes: method, path and query, body. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + " " + request.getRequestURI() + "?"
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n";
            sha.update(target.getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write(JSON.writeValueAsString(
                        Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)));
    }

    /** Expired keys would be replaced on their next use anyway; this keeps the table from growing. */
    @Scheduled(
            fixedDelayString = "${jiesu.idempotency.cleanup-interval:PT1H}",
            initialDelayString = "${jiesu.idempotency.cleanup-interval:PT1H}")
    void forgetExpired() {
        FollowUpRetries.quietWhileTheDatabaseIsDown(() -> {
            int gone = jdbc.sql("delete from idempotency_key where expires_at <= ?")
                    .param(Timestamp.from(clock.instant()))
                    .update();
            if (gone > 0) {
                log.info("Forgot {} expired idempotency keys", gone);
            }
        });
    }

    /** The body was read to fingerprint it; the handler reads it again from here. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset =
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
