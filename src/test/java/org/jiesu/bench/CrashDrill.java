package org.jiesu.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills the application with SIGKILL while residents file requests, starts it again on the same data, and counts
 * what survived. The application is the packaged jar ({@code java -jar target/jiesu.jar}, demo profile) in a process
 * of its own, with its own embedded PostgreSQL and port, on loopback.
 *
 * <p>Requests go out at a steady rate, each with its own {@code Idempotency-Key}, as a careful client sends them: a
 * request without an answer (connection refused or reset, a timeout, a 503) is sent again with the same key and body
 * until it is acknowledged, backing off up to 3 s, for at most {@code give-up} after it was first sent. Midway the
 * process is killed ({@code jvm}: the Java process only, so its PostgreSQL lives on as an orphan that the next start
 * must stop; {@code power-cut}: PostgreSQL and its backends as well, so the next start recovers from the WAL) and
 * started again at once. At the end every acknowledged request is sent once more with its key, which must give the
 * same request back, and the database is checked: every acknowledged request is there with its id and tracking code,
 * none twice, each with its one log entry and its follow-ups (route proposal, audit line) done.
 *
 * <p>{@code CrashRecoveryIT} runs a small drill in {@code ./mvnw verify}; run bigger ones by hand (docs/reliability.md):
 *
 * <pre>
 * ./mvnw -q package -DskipTests &amp;&amp; ./mvnw -q test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp target/test-classes:$(cat target/bench.classpath) org.jiesu.bench.CrashDrill \
 *     --requests 2000 --rate 25 --kills 3 --kill-mode power-cut
 * </pre>
 */
public final class CrashDrill {

    public enum KillMode {
        JVM,
        POWER_CUT
    }

    public record Settings(
            Path jar, Path work, int requests, double ratePerSecond, int kills, KillMode killMode, Duration giveUp) {}

    /** What one drill saw. Counts are of distinct requests unless named otherwise. */
    public record Report(
            int sent,
            int acknowledged,
            int acknowledgedFirstTry,
            int retried,
            int replayedOnRetry,
            int notAcknowledged,
            int attempts,
            int otherErrors,
            int found,
            int missing,
            int duplicates,
            int rowsNeverAcknowledged,
            int withoutOneLogEntry,
            int followUpsDone,
            int followUpsMissing,
            int incompletePublications,
            int replayChecked,
            int replayMismatches,
            int kills,
            List<Integer> inFlightAtKill,
            List<Integer> followUpsOutstandingAtKill,
            List<Double> restartSeconds,
            int orphansStopped,
            double elapsedSeconds) {

        public boolean nothingLost() {
            return missing == 0
                    && duplicates == 0
                    && notAcknowledged == 0
                    && otherErrors == 0
                    && withoutOneLogEntry == 0
                    && followUpsMissing == 0
                    && incompletePublications == 0
                    && replayMismatches == 0;
        }

        public String table() {
            return String.format(
                    Locale.ROOT,
                    """
                    | sent | acknowledged | first try | retried | replayed on retry | never acknowledged | attempts | other errors |
                    | %d | %d | %d | %d | %d | %d | %d | %d |

                    | found | missing | duplicates | rows never acknowledged | without one log entry | follow-ups done | follow-ups missing | incomplete publications |
                    | %d | %d | %d | %d | %d | %d | %d | %d |

                    | re-sent with key | other answer | kills | in flight at kill | follow-ups outstanding at kill | restart (s) | orphaned PostgreSQL stopped | elapsed (s) |
                    | %d | %d | %d | %s | %s | %s | %d | %.0f |
                    """,
                    sent,
                    acknowledged,
                    acknowledgedFirstTry,
                    retried,
                    replayedOnRetry,
                    notAcknowledged,
                    attempts,
                    otherErrors,
                    found,
                    missing,
                    duplicates,
                    rowsNeverAcknowledged,
                    withoutOneLogEntry,
                    followUpsDone,
                    followUpsMissing,
                    incompletePublications,
                    replayChecked,
                    replayMismatches,
                    kills,
                    inFlightAtKill,
                    followUpsOutstandingAtKill,
                    restartSeconds.stream()
                            .map(s -> String.format(Locale.ROOT, "%.1f", s))
                            .toList(),
                    orphansStopped,
                    elapsedSeconds);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> CATEGORIES =
            List.of("ENV_WASTE", "URBAN_FACILITY", "ENV_NOISE", "UTILITY_WATER", "URBAN_PROPERTY");

    /** One request as the client knows it. */
    private static final class Sent {
        final int n;
        final String key = UUID.randomUUID().toString();
        final String text;
        final String body;
        final AtomicInteger attempts = new AtomicInteger();
        volatile long id = -1;
        volatile String trackingCode;
        volatile boolean replayed;
        volatile boolean otherError;

        Sent(int n, String text, String body) {
            this.n = n;
            this.text = text;
            this.body = body;
        }

        boolean acknowledged() {
            return id > 0;
        }
    }

    private final Settings settings;
    private final Path data;
    private final int port;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Double> restartSeconds = new ArrayList<>();
    private final List<Integer> inFlightAtKill = new ArrayList<>();
    private final List<Integer> followUpsOutstandingAtKill = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private int starts;
    private volatile Process app;
    private volatile Instant killedAt;

    private CrashDrill(Settings settings) throws IOException {
        this.settings = settings;
        this.data = settings.work().resolve("postgres").toAbsolutePath();
        Files.createDirectories(settings.work());
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    public static Report run(Settings settings) throws Exception {
        return new CrashDrill(settings).drill();
    }

    private Report drill() throws Exception {
        Instant began = Instant.now();
        app = start();
        awaitHealthy(Duration.ofMinutes(3));
        List<Long> places = communities();

        List<Sent> sent = new ArrayList<>();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        ExecutorService clients = Executors.newCachedThreadPool();
        ExecutorService restarts = Executors.newSingleThreadExecutor();
        List<CompletableFuture<Void>> restarted = new ArrayList<>();
        long intervalNanos = (long) (1_000_000_000L / settings.ratePerSecond());
        long t0 = System.nanoTime();
        int kills = 0;
        try {
            for (int n = 0; n < settings.requests(); n++) {
                long due = t0 + n * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String text = "崩溃演练 " + run + " #" + n;
                String body = JSON.writeValueAsString(Map.of(
                        "text",
                        text,
                        "channel",
                        "API",
                        "categoryCode",
                        CATEGORIES.get(n % CATEGORIES.size()),
                        "communityId",
                        places.get(n % places.size())));
                Sent s = new Sent(n, text, body);
                sent.add(s);
                answers.add(CompletableFuture.runAsync(() -> submit(s), clients));
                if (kills < settings.kills() && n == (kills + 1) * settings.requests() / (settings.kills() + 1)) {
                    kills++;
                    // Wait for the previous restart first: the process is killed only once it serves again.
                    CompletableFuture.allOf(restarted.toArray(CompletableFuture[]::new))
                            .join();
                    // Half a tick after a request went out, so that one is likely on its way when the process dies.
                    TimeUnit.NANOSECONDS.sleep(intervalNanos / 2);
                    kill();
                    restarted.add(CompletableFuture.runAsync(this::restart, restarts));
                }
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
            CompletableFuture.allOf(restarted.toArray(CompletableFuture[]::new)).join();
        } finally {
            clients.shutdownNow();
            restarts.shutdownNow();
        }

        // Every acknowledged request once more, with its key: the same request must come back.
        int replayChecked = 0;
        int replayMismatches = 0;
        for (Sent s : sent) {
            if (!s.acknowledged()) {
                continue;
            }
            replayChecked++;
            HttpResponse<String> again = post(s);
            JsonNode body = again.statusCode() / 100 == 2 ? JSON.readTree(again.body()) : null;
            if (body == null
                    || body.get("id").asLong() != s.id
                    || !body.get("trackingCode").asString().equals(s.trackingCode)) {
                replayMismatches++;
            }
        }

        Report report;
        try (Connection db = database()) {
            Instant until = Instant.now().plus(Duration.ofMinutes(3));
            while (followUpsMissing(db) > 0 && Instant.now().isBefore(until)) {
                Thread.sleep(500);
            }
            Map<String, List<Long>> rows = new HashMap<>();
            Map<Long, String> codes = new HashMap<>();
            try (PreparedStatement q =
                    db.prepareStatement("select id, text, tracking_code from request where text like ? order by id")) {
                q.setString(1, "崩溃演练 " + run + " #%");
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        rows.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                                .add(rs.getLong(1));
                        codes.put(rs.getLong(1), rs.getString(3));
                    }
                }
            }
            int found = 0;
            int missing = 0;
            for (Sent s : sent) {
                if (!s.acknowledged()) {
                    continue;
                }
                boolean there =
                        rows.getOrDefault(s.text, List.of()).contains(s.id) && s.trackingCode.equals(codes.get(s.id));
                if (there) {
                    found++;
                } else {
                    missing++;
                }
            }
            int duplicates =
                    rows.values().stream().mapToInt(ids -> ids.size() - 1).sum();
            int neverAcknowledged = (int) rows.keySet().stream()
                    .filter(text -> sent.stream().noneMatch(s -> s.text.equals(text) && s.acknowledged()))
                    .count();
            int requests = rows.values().stream().mapToInt(List::size).sum();
            int followUpsMissing = followUpsMissing(db);
            report = new Report(
                    sent.size(),
                    (int) sent.stream().filter(Sent::acknowledged).count(),
                    (int) sent.stream()
                            .filter(s -> s.acknowledged() && s.attempts.get() == 1)
                            .count(),
                    (int) sent.stream().filter(s -> s.attempts.get() > 1).count(),
                    (int) sent.stream().filter(s -> s.replayed).count(),
                    (int) sent.stream().filter(s -> !s.acknowledged()).count(),
                    sent.stream().mapToInt(s -> s.attempts.get()).sum(),
                    (int) sent.stream().filter(s -> s.otherError).count(),
                    found,
                    missing,
                    duplicates,
                    neverAcknowledged,
                    count(db, """
                            select count(*) from request r where r.text like ?
                              and (select count(*) from request_log l where l.request_id = r.id) <> 1"""),
                    requests - followUpsMissing,
                    followUpsMissing,
                    count(db, """
                            select count(*) from follow_up f
                            where f.subject in (select id from request where text like ?)"""),
                    replayChecked,
                    replayMismatches,
                    kills,
                    List.copyOf(inFlightAtKill),
                    List.copyOf(followUpsOutstandingAtKill),
                    List.copyOf(restartSeconds),
                    orphansStopped(),
                    Duration.between(began, Instant.now()).toMillis() / 1000.0);
        } finally {
            stop();
        }
        return report;
    }

    /** Sends one request until it is acknowledged, as a client that means it would. */
    private void submit(Sent s) {
        Instant giveUp = Instant.now().plus(settings.giveUp());
        long backoff = 250;
        while (Instant.now().isBefore(giveUp)) {
            s.attempts.incrementAndGet();
            try {
                HttpResponse<String> answer;
                inFlight.incrementAndGet();
                try {
                    answer = post(s);
                } finally {
                    inFlight.decrementAndGet();
                }
                int status = answer.statusCode();
                if (status / 100 == 2) {
                    JsonNode body = JSON.readTree(answer.body());
                    s.trackingCode = body.get("trackingCode").asString();
                    s.replayed =
                            answer.headers().firstValue("Idempotent-Replayed").isPresent();
                    s.id = body.get("id").asLong();
                    return;
                }
                if (status != 503) {
                    // Not an outage: a refusal or our own fault. The drill sends only valid requests.
                    s.otherError = true;
                    System.err.println("Request #" + s.n + " answered " + status + ": " + answer.body());
                }
            } catch (IOException e) {
                // No answer: the application is down or went down during the request. Send it again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, 3000);
        }
    }

    private HttpResponse<String> post(Sent s) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/requests"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("Idempotency-Key", s.key)
                        .POST(HttpRequest.BodyPublishers.ofString(s.body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // -------------------------------------------------------------------------------------------- the application

    private Process start() throws IOException {
        starts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-jar",
                        settings.jar().toAbsolutePath().toString(),
                        "--spring.profiles.active=demo",
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--jiesu.embedded-db.data-dir=" + data,
                        "--jiesu.timers.instance-name=drill",
                        // Publications a killed run left stuck after a restart had resubmitted them wait for the
                        // staleness monitor; production waits minutes, the drill a little.
                        "--spring.modulith.events.staleness.published=PT20S",
                        "--spring.modulith.events.staleness.processing=PT20S",
                        "--spring.modulith.events.staleness.resubmitted=PT20S",
                        "--spring.modulith.events.staleness.check-interval=PT5S",
                        "--jiesu.events.retry-interval=PT5S",
                        // The drill files from one address far faster than a resident may: no public rate limit.
                        "--jiesu.rate-limit.submissions=1000000")
                .redirectErrorStream(true)
                .redirectOutput(
                        settings.work().resolve("app-" + starts + ".log").toFile());
        // Its own embedded database, whatever this shell points at.
        builder.environment().remove("JIESU_DB_URL");
        builder.environment().remove("JIESU_DATA_DIR");
        return builder.start();
    }

    private void kill() throws Exception {
        Optional<ProcessHandle> postmaster = postmaster();
        killedAt = Instant.now();
        app.destroyForcibly();
        inFlightAtKill.add(inFlight.get());
        app.waitFor();
        // What the dead process left to do, read from its database before that goes too (in a power cut, a few
        // milliseconds after the application rather than at the same instant).
        try (Connection db = database()) {
            followUpsOutstandingAtKill.add(count(db, """
                    select count(*) from follow_up f
                    where f.subject in (select id from request where text like ?)"""));
        }
        if (settings.killMode() == KillMode.POWER_CUT && postmaster.isPresent()) {
            postmaster.get().descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.get().destroyForcibly();
            postmaster.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private void restart() {
        Instant killed = killedAt;
        try {
            app = start();
            awaitHealthy(Duration.ofMinutes(3));
        } catch (Exception e) {
            throw new IllegalStateException("The application did not come back after the kill", e);
        }
        synchronized (restartSeconds) {
            restartSeconds.add(Duration.between(killed, Instant.now()).toMillis() / 1000.0);
        }
    }

    private void stop() throws InterruptedException {
        app.destroy();
        if (!app.waitFor(60, TimeUnit.SECONDS)) {
            app.destroyForcibly();
        }
    }

    private void awaitHealthy(Duration within) throws Exception {
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            if (!app.isAlive()) {
                throw new IllegalStateException("The application exited with " + app.exitValue() + "; see "
                        + settings.work().resolve("app-" + starts + ".log"));
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The application did not become healthy within " + within);
    }

    private List<Long> communities() throws Exception {
        HttpResponse<String> units = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/units"))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        List<Long> ids = new ArrayList<>();
        for (JsonNode unit : JSON.readTree(units.body())) {
            String kind = unit.get("kind").asString();
            if (kind.equals("COMMUNITY") || kind.equals("VILLAGE")) {
                ids.add(unit.get("id").asLong());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("The demo data has no community");
        }
        return ids;
    }

    private int orphansStopped() throws IOException {
        int stopped = 0;
        for (int i = 1; i <= starts; i++) {
            Path log = settings.work().resolve("app-" + i + ".log");
            if (Files.exists(log)) {
                stopped += (int) Files.readAllLines(log).stream()
                        .filter(line -> line.contains("left running by a killed run"))
                        .count();
            }
        }
        return stopped;
    }

    // ------------------------------------------------------------------------------------------------ the database

    /** The embedded PostgreSQL's postmaster, from the pid file it keeps in its data folder. */
    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pid = data.resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()));
    }

    private Connection database() throws IOException, SQLException {
        // Line 4 of postmaster.pid is the port the server listens on.
        int dbPort = Integer.parseInt(
                Files.readAllLines(data.resolve("postmaster.pid")).get(3).trim());
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", "postgres", "");
    }

    private int followUpsMissing(Connection db) throws SQLException {
        return count(db, """
                select count(*) from request r where r.text like ?
                  and (not exists (select 1 from route_proposal p where p.request_id = r.id)
                       or not exists (select 1 from audit_entry e where e.fact_key = 'request-received:' || r.id))""");
    }

    private int count(Connection db, String sql) throws SQLException {
        return count(db, sql, "崩溃演练 " + run + " #%");
    }

    private static int count(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        Path work = Path.of("target", "crash-drill", Instant.now().toString().replace(':', '-'));
        Settings settings = new Settings(
                Path.of(arg(args, "--jar", "target/jiesu.jar")),
                work,
                Integer.parseInt(arg(args, "--requests", "2000")),
                Double.parseDouble(arg(args, "--rate", "25")),
                Integer.parseInt(arg(args, "--kills", "3")),
                KillMode.valueOf(arg(args, "--kill-mode", "jvm").toUpperCase().replace('-', '_')),
                Duration.ofSeconds(Long.parseLong(arg(args, "--give-up-seconds", "300"))));
        System.out.println("Crash drill: " + settings);
        Report report = run(settings);
        System.out.println(report.table());
        System.out.println(report.nothingLost() ? "Nothing acknowledged was lost." : "LOST OR DUPLICATED: see above.");
        System.exit(report.nothingLost() ? 0 : 1);
    }

    private static String arg(String[] args, String name, String otherwise) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }
}
