package org.jiesu.governance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jiesu.intake.RequestReceived;
import org.jiesu.platform.BatchedFollowUps;
import org.jiesu.platform.JiesuException;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hot issues in the running platform: every received request is placed in a cluster of requests about the same
 * matter. The database is the truth (hot_cluster, hot_member, hot_state); each instance keeps a {@link HotIssueIndex}
 * as a cache, caught up from the members other instances stored before it places a request, under one advisory lock
 * so that instances cluster one request at a time. A recompute replays every request into a new generation and swaps
 * it in at the end. Requesters are counted by the request's phone hash only while clustering; governance stores no
 * contact and no person.
 */
@Service
public class HotIssues {

    private static final Logger log = LoggerFactory.getLogger(HotIssues.class);

    /**
     * The advisory lock every instance takes to cluster or swap a generation ("hot" in ASCII). The data generator
     * holds it while it writes clusters with ids of its own, so that no placement takes one of them meanwhile.
     */
    public static final long LOCK = 0x686f74L;

    private static final int BATCH = 500;

    private static final int TITLE_MAX = 30;

    private static final String MESSAGE_COLUMNS = """
            r.id, r.text, r.received_at, r.latitude, r.longitude, r.community_id, r.contact_phone_hash, r.urgency,
            r.confidential""";

    private static final String SOME_REQUESTS =
            "select " + MESSAGE_COLUMNS + " from request r where r.id = any(:ids) order by r.received_at, r.id";

    /** The queue of requests waiting to be placed ({@link BatchedFollowUps}). */
    static final String QUEUE = "hot-issues";

    private static final String ALL_REQUESTS =
            "select " + MESSAGE_COLUMNS + " from request r order by r.received_at, r.id";

    private static final String MISSING_FROM_GENERATION = "select " + MESSAGE_COLUMNS + """
             from request r
            where not exists (select 1 from hot_member m where m.request_id = r.id and m.generation = :generation)
            order by r.received_at, r.id""";

    private static final String MEMBERS_SINCE = "select m.seq, m.cluster_id, " + MESSAGE_COLUMNS + """
             from hot_member m join request r on r.id = m.request_id
            where m.generation = :generation and m.seq > :seq and r.received_at >= :since
            order by m.seq""";

    /** A cluster's counts over every member stored, as {@link HotIssueIndex} counts them. */
    private static final String STORED_FIGURES = """
            select m.cluster_id, count(*) as size,
                   count(distinct r.contact_phone_hash) + count(*) filter (where r.contact_phone_hash is null)
                       as requesters,
                   count(*) filter (where r.urgency = 'EMERGENCY') as urgent,
                   min(r.received_at) as first_at, max(r.received_at) as last_at,
                   count(*) filter (where r.received_at >= :monthAgo and r.received_at <= :now) as recent,
                   count(*) filter (where r.received_at >= :twoMonthsAgo and r.received_at < :monthAgo) as previous
              from hot_member m join request r on r.id = m.request_id
             where m.generation = :generation and m.cluster_id = any(:ids)
             group by m.cluster_id""";

    private static final String INSERT_CLUSTER = """
            insert into hot_cluster (generation, title, county_id, first_at, last_at, size, requesters, supports,
                                     urgent, heat, latitude, longitude, updated_at)
            values (:generation, :title, :county, :first, :last, :size, :requesters, 0, :urgent, :heat, :lat, :lon,
                    :at)
            returning id""";

    private static final String UPDATE_CLUSTER = """
            update hot_cluster
               set title = :title, county_id = :county, first_at = :first, last_at = :last, size = :size,
                   requesters = :requesters, supports = 0, urgent = :urgent, heat = :heat, latitude = :lat,
                   longitude = :lon, updated_at = :at
             where id = :id""";

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Clock clock;
    private final HotIssueRules rules;
    private final TransactionTemplate tx;
    private final BatchedFollowUps followUps;
    private volatile int cacheSize;
    private final Object lock = new Object();
    private final AtomicBoolean recomputing = new AtomicBoolean();

    /** This instance's cache of the current generation; null until loaded, or after a failure left it unsure. */
    private @Nullable Live live;

    HotIssues(
            JdbcClient jdbc,
            UnitDirectory units,
            Clock clock,
            PlatformTransactionManager transactions,
            BatchedFollowUps followUps,
            @Value("${jiesu.governance.min-similarity:0.3}") double minSimilarity,
            @Value("${jiesu.governance.window:P60D}") Duration window,
            @Value("${jiesu.governance.near-metres:2000}") double nearMetres,
            @Value("${jiesu.governance.cache-size:40000}") int cacheSize) {
        this.cacheSize = cacheSize;
        this.jdbc = jdbc;
        this.units = units;
        this.clock = clock;
        this.rules = new HotIssueRules(minSimilarity, window, nearMetres, HotIssueRules.DEFAULTS.detailChars());
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.followUps = followUps;
        followUps.handle(QUEUE, this::placeAll);
    }

    /**
     * How alike two texts are, 0 to 1: the cosine of their shingles, every shingle weighing the same. What duplicate
     * suggestions at intake rank by; needs no index, so it answers at once on any instance.
     */
    public static double similarity(String a, String b) {
        int[] x = Shingles.of(a == null ? "" : a);
        int[] y = Shingles.of(b == null ? "" : b);
        double[] wx = new double[x.length];
        double[] wy = new double[y.length];
        Arrays.fill(wx, 1);
        Arrays.fill(wy, 1);
        return HotIssueIndex.cosine(x, wx, y, wy);
    }

    /** Changes the cache size from the next load on; for tests. */
    void cacheSize(int size) {
        synchronized (lock) {
            cacheSize = size;
            live = null;
        }
    }

    HotIssueRules rules() {
        return rules;
    }

    // ------------------------------------------------------------------------------------------------ placing

    /** Queues the request for placement, in the transaction that records it; placed in batches after the commit. */
    @EventListener
    void on(RequestReceived received) {
        followUps.queue(QUEUE, received.requestId());
    }

    /** Places one request in its cluster, in a transaction of its own; a second placement changes nothing. */
    void place(long requestId) {
        tx.executeWithoutResult(status -> placeAll(List.of(requestId)));
    }

    /**
     * Places requests in their clusters, in the caller's transaction, one batch under the locks: the cache is caught
     * up once, and what was placed already is skipped, so a batch handed over twice changes nothing.
     */
    void placeAll(List<Long> requestIds) {
        synchronized (lock) {
            try {
                // If the transaction does not commit, the cache holds what the database rolled back: load it again.
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status != STATUS_COMMITTED) {
                            live = null;
                        }
                    }
                });
                lockDatabase();
                Live l = current();
                Long[] ids = requestIds.toArray(Long[]::new);
                Set<Long> known =
                        new HashSet<>(jdbc.sql("select request_id from hot_member where generation = :generation"
                                        + " and request_id = any(:ids)")
                                .param("generation", l.generation)
                                .param("ids", ids)
                                .query(Long.class)
                                .list());
                Batch batch = new Batch(clock.instant());
                for (Row r : jdbc.sql(SOME_REQUESTS)
                        .param("ids", ids)
                        .query(this::row)
                        .list()) {
                    if (!known.contains(Long.parseLong(r.message.id()))) {
                        add(l, r, batch);
                    }
                }
                finish(l, batch);
                if (l.index.size() > cacheSize + cacheSize / 2) {
                    live = null; // loaded afresh with the newest members on the next batch
                }
            } catch (RuntimeException e) {
                live = null;
                throw e;
            }
        }
    }

    /** The cache of the current generation, loaded or caught up from the database; call under both locks. */
    private Live current() {
        int generation = generation();
        Live l = live;
        if (l == null || l.generation != generation) {
            l = load(generation);
            live = l;
        } else {
            catchUp(l);
        }
        return l;
    }

    /**
     * A fresh cache: the newest {@code jiesu.governance.cache-size} members of the last two windows, then whatever
     * came after them. Bounds the heap and the time to load whatever the volume; a matter whose earlier requests fell
     * out of the cache still joins through its newer ones, and its counts are read from the database.
     */
    private Live load(int generation) {
        Live l = new Live(new HotIssueIndex(rules), generation);
        Instant since = clock.instant().minus(rules.window().multipliedBy(2));
        Long from = jdbc.sql("""
                        select min(seq) from (select m.seq from hot_member m join request r on r.id = m.request_id
                                               where m.generation = :generation and r.received_at >= :since
                                               order by m.seq desc limit :limit) newest""")
                .param("generation", generation)
                .param("since", Timestamp.from(since))
                .param("limit", cacheSize)
                .query(Long.class)
                .optional()
                .orElse(null);
        l.lastSeq = from == null ? 0 : from - 1;
        catchUp(l);
        return l;
    }

    /** How many requests this instance's cache holds now; for tests. */
    int cached() {
        synchronized (lock) {
            Live l = live;
            return l == null ? 0 : l.index.size();
        }
    }

    /** Replays the members other instances stored since this one last looked, and the merges they made. */
    private void catchUp(Live l) {
        Instant since = clock.instant().minus(rules.window().multipliedBy(2));
        List<Object[]> rows = jdbc.sql(MEMBERS_SINCE)
                .param("generation", l.generation)
                .param("seq", l.lastSeq)
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new Object[] {rs.getLong("seq"), rs.getLong("cluster_id"), row(rs, n)})
                .list();
        for (Object[] r : rows) {
            Row row = (Row) r[2];
            l.index.restore(row.message, l.numberFor((Long) r[1]));
            l.remember(row);
        }
        Long max = jdbc.sql("select max(seq) from hot_member where generation = :generation")
                .param("generation", l.generation)
                .query(Long.class)
                .optional()
                .orElse(null);
        l.lastSeq = Math.max(l.lastSeq, max == null ? 0 : max);
        List<long[]> merges = jdbc.sql("""
                        select id, merged_into from hot_cluster
                         where generation = :generation and merged_into is not null
                         order by id""")
                .param("generation", l.generation)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        for (long[] m : merges) {
            if (!l.merged.add(m[0])) {
                continue;
            }
            Integer absorbed = l.numberOf.get(m[0]);
            if (absorbed == null) {
                continue;
            }
            Integer into = l.numberOf.get(m[1]);
            if (into == null) {
                l.map(absorbed, m[1]); // this instance never saw the survivor: the absorbed cluster takes its id
            } else {
                l.index.restoreMerge(absorbed, into);
            }
        }
    }

    /**
     * What a batch still has to write: its members, inserted together, and the clusters they changed, each updated
     * once at the end. A cluster made in the batch is written when it is made and updated only if it grew after.
     */
    private static final class Batch {

        final Instant now;
        final List<Long> requests = new ArrayList<>();
        final List<Long> clusters = new ArrayList<>();
        final Set<Integer> changed = new LinkedHashSet<>();

        Batch(Instant now) {
            this.now = now;
        }
    }

    /** Adds a request to the index and notes where it went; under both locks, in a transaction. */
    private void add(Live l, Row row, Batch batch) {
        HotIssueIndex.Placement p = l.index.add(row.message);
        l.remember(row);
        Instant now = batch.now;
        int number = p.cluster();
        Long survivor = l.idOf.get(number);
        if (survivor == null) {
            survivor = insertCluster(l, number, now);
        } else {
            batch.changed.add(number);
        }
        if (!p.merged().isEmpty()) {
            // A merge moves the absorbed clusters' members: write the batch's members first so they move too.
            writeMembers(l, batch);
            batch.changed.add(number);
        }
        for (int m : p.merged()) {
            Long absorbed = l.idOf.get(m);
            if (absorbed == null || absorbed.equals(survivor)) {
                continue;
            }
            jdbc.sql("update hot_member set cluster_id = :into where generation = :generation and cluster_id = :from")
                    .param("into", survivor)
                    .param("generation", l.generation)
                    .param("from", absorbed)
                    .update();
            jdbc.sql("""
                            update hot_cluster set merged_into = :into, updated_at = :at
                             where id = :from or merged_into = :from""")
                    .param("into", survivor)
                    .param("at", Timestamp.from(now))
                    .param("from", absorbed)
                    .update();
            l.merged.add(absorbed);
        }
        batch.requests.add(Long.parseLong(row.message.id()));
        batch.clusters.add(survivor);
    }

    /**
     * Writes the batch's members and the figures of the clusters they changed. The counts come from all the members
     * stored, not only those in this instance's cache (which holds a window of the newest); the title, the county and
     * the centre from the cached members.
     */
    private void finish(Live l, Batch batch) {
        writeMembers(l, batch);
        Map<Long, Integer> numbers = new HashMap<>();
        for (int number : batch.changed) {
            Long id = l.idOf.get(number);
            if (id != null && !l.merged.contains(id)) {
                numbers.put(id, number);
            }
        }
        batch.changed.clear();
        if (numbers.isEmpty()) {
            return;
        }
        Instant monthAgo = batch.now.minus(Duration.ofDays(30));
        jdbc.sql(STORED_FIGURES)
                .param("generation", l.generation)
                .param("ids", numbers.keySet().toArray(Long[]::new))
                .param("now", Timestamp.from(batch.now))
                .param("monthAgo", Timestamp.from(monthAgo))
                .param("twoMonthsAgo", Timestamp.from(monthAgo.minus(Duration.ofDays(30))))
                .query(rs -> {
                    long id = rs.getLong("cluster_id");
                    Figures f = figures(l, numbers.get(id), batch.now);
                    int size = rs.getInt("size");
                    int requesters = rs.getInt("requesters");
                    int urgent = rs.getInt("urgent");
                    jdbc.sql(UPDATE_CLUSTER)
                            .param("title", f.title)
                            .param("county", f.county)
                            .param("first", rs.getTimestamp("first_at"))
                            .param("last", rs.getTimestamp("last_at"))
                            .param("size", size)
                            .param("requesters", requesters)
                            .param("urgent", urgent)
                            .param(
                                    "heat",
                                    Heat.of(requesters, size, 0, rs.getInt("recent"), rs.getInt("previous"), urgent))
                            .param("lat", f.latitude)
                            .param("lon", f.longitude)
                            .param("at", Timestamp.from(batch.now))
                            .param("id", id)
                            .update();
                });
    }

    private void writeMembers(Live l, Batch batch) {
        if (batch.requests.isEmpty()) {
            return;
        }
        List<Long> seqs = jdbc.sql("""
                        insert into hot_member (generation, request_id, cluster_id, joined_at)
                        select :generation, m.request_id, m.cluster_id, :at
                          from unnest(:requests::bigint[], :clusters::bigint[]) as m (request_id, cluster_id)
                        returning seq""")
                .param("generation", l.generation)
                .param("requests", batch.requests.toArray(Long[]::new))
                .param("clusters", batch.clusters.toArray(Long[]::new))
                .param("at", Timestamp.from(batch.now))
                .query(Long.class)
                .list();
        for (long seq : seqs) {
            l.lastSeq = Math.max(l.lastSeq, seq);
        }
        batch.requests.clear();
        batch.clusters.clear();
    }

    private long insertCluster(Live l, int number, Instant now) {
        Figures f = figures(l, number, now);
        long id = jdbc.sql(INSERT_CLUSTER)
                .param("generation", l.generation)
                .param("title", f.title)
                .param("county", f.county)
                .param("first", Timestamp.from(f.cluster.first()))
                .param("last", Timestamp.from(f.cluster.last()))
                .param("size", f.cluster.size())
                .param("requesters", f.cluster.requesters())
                .param("urgent", f.cluster.urgent())
                .param("heat", f.cluster.heat())
                .param("lat", f.latitude)
                .param("lon", f.longitude)
                .param("at", Timestamp.from(now))
                .query(Long.class)
                .single();
        l.map(number, id);
        return id;
    }

    private record Figures(
            HotCluster cluster,
            String title,
            @Nullable Long county,
            @Nullable Double latitude,
            @Nullable Double longitude) {}

    /**
     * A cluster's figures for its row: the centroid of its points, the county most of its requests are in, and a title
     * that never comes from a confidential request (empty when every member is confidential; pages show 保密诉求).
     */
    private Figures figures(Live l, int number, Instant now) {
        HotCluster c = l.index.cluster(number, now);
        double lat = 0;
        double lon = 0;
        int points = 0;
        Map<Long, Integer> counties = new HashMap<>();
        for (HotMessage m : c.messages()) {
            if (m.hasPoint()) {
                lat += m.latitude();
                lon += m.longitude();
                points++;
            }
            Long county = county(m.area());
            if (county != null) {
                counties.merge(county, 1, Integer::sum);
            }
        }
        Long county = counties.entrySet().stream()
                .max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(null);
        String title = c.title();
        boolean secret = c.messages().stream()
                .anyMatch(
                        m -> l.confidential.contains(m.id()) && ShortTitle.of(m).equals(c.title()));
        if (secret) {
            title = "";
            for (int i = c.messages().size() - 1; i >= 0; i--) {
                HotMessage m = c.messages().get(i);
                if (!l.confidential.contains(m.id())) {
                    title = ShortTitle.of(m);
                    break;
                }
            }
        }
        return new Figures(c, title, county, points == 0 ? null : lat / points, points == 0 ? null : lon / points);
    }

    private static @Nullable Long county(@Nullable String area) {
        return area != null && area.startsWith("county:") ? Long.valueOf(area.substring(7)) : null;
    }

    // --------------------------------------------------------------------------------------------- recompute

    /**
     * Loads the cache at start, and places the requests that have no cluster in the current generation (rows written
     * directly: an upgrade, a bulk load, the demo's history); when there are no clusters at all, or many such
     * requests, a recompute builds them all at once.
     */
    @EventListener(ApplicationReadyEvent.class)
    void loadAtStart() {
        if (!jdbc.sql("select exists (select 1 from hot_cluster)")
                .query(Boolean.class)
                .single()) {
            loadNow(); // a first start: whatever there is (the demo's history) is clustered before the instance is
            // ready
            return;
        }
        // In the background, so that the instance is ready at once: placements wait for the cache on the lock.
        inBackground(
                "hot-issues-load", this::loadNow, "Hot issues: loading at start failed; the next batch loads again");
    }

    /** The oldest requests without a member in the current generation, at most a batch. */
    private List<Long> missing() {
        return jdbc.sql("""
                        select r.id from request r
                         where not exists (select 1 from hot_member m
                                            where m.request_id = r.id
                                              and m.generation = (select generation from hot_state where id = 1))
                         order by r.received_at, r.id
                         limit :limit""").param("limit", BATCH).query(Long.class).list();
    }

    /** Runs a task on a daemon thread of its own; a failure is logged with the message given. */
    private static void inBackground(String name, Runnable task, String failure) {
        Thread thread = new Thread(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.warn(failure, e);
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
    }

    void loadNow() {
        boolean none = !jdbc.sql("select exists (select 1 from hot_cluster)")
                .query(Boolean.class)
                .single();
        List<Long> missing = missing();
        if (none && !missing.isEmpty()) {
            log.info("Hot issues: nothing is clustered yet; computing all requests.");
            recompute();
            return;
        }
        // A backlog (an upgrade, a bulk load, follow-ups cut short) is placed batch by batch, as arriving requests
        // are: a recompute would hold every request in memory at once.
        int placed = 0;
        while (!missing.isEmpty()) {
            List<Long> batch = missing;
            tx.executeWithoutResult(status -> placeAll(batch));
            placed += batch.size();
            if (batch.size() < BATCH) {
                break;
            }
            missing = missing();
            if (!missing.isEmpty() && missing.get(0).equals(batch.get(0))) {
                log.warn("Hot issues: request {} could not be placed; the rest waits for its follow-up", batch.get(0));
                break;
            }
            if (placed % (20 * BATCH) == 0) {
                log.info("Hot issues: placed {} requests that had no cluster", placed);
            }
        }
        if (placed > 0) {
            log.info("Hot issues: placed {} requests that had no cluster", placed);
        }
        synchronized (lock) {
            tx.executeWithoutResult(status -> {
                lockDatabase();
                current();
            });
        }
    }

    /** Starts a recompute in the background; refused while one runs on this instance. */
    void startRecompute() {
        if (!recomputing.compareAndSet(false, true)) {
            throw JiesuException.conflict("A recompute is already running.");
        }
        inBackground("hot-issues-recompute", this::recomputeClaimed, "Hot-issue recompute failed");
    }

    /** The progress of the last recompute. */
    Progress progress() {
        return jdbc.sql("""
                        select generation, recompute_done, recompute_of, recomputed_at, recompute_error
                          from hot_state where id = 1""")
                .query((rs, n) -> new Progress(
                        rs.getInt(1),
                        (Integer) rs.getObject(2),
                        (Integer) rs.getObject(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getString(5),
                        recomputing.get()))
                .single();
    }

    record Progress(
            int generation,
            @Nullable Integer done,
            @Nullable Integer of,
            @Nullable Instant finishedAt,
            @Nullable String error,
            boolean running) {

        int percent() {
            return done == null || of == null || of == 0 ? (running ? 0 : 100) : Math.min(100, 100 * done / of);
        }
    }

    /**
     * Replays every request in time order through a fresh index (counted first, so the earliest are weighed like the
     * latest), writes the clusters as a new generation in batches, then swaps it in under the lock, after placing the
     * requests received meanwhile. Old generations are deleted after the swap.
     */
    public void recompute() {
        if (!recomputing.compareAndSet(false, true)) {
            throw JiesuException.conflict("A recompute is already running.");
        }
        recomputeClaimed();
    }

    private void recomputeClaimed() {
        try {
            recomputeNow();
        } catch (RuntimeException e) {
            jdbc.sql("update hot_state set recompute_error = :error where id = 1")
                    .param("error", String.valueOf(e.getMessage()))
                    .update();
            throw e;
        } finally {
            recomputing.set(false);
        }
    }

    private void recomputeNow() {
        List<Row> rows = jdbc.sql(ALL_REQUESTS).query(this::row).list();
        int total = 2 * rows.size();
        jdbc.sql("""
                        update hot_state set recompute_done = 0, recompute_of = :of, recompute_error = null
                         where id = 1""").param("of", total).update();
        int generation = jdbc.sql("""
                        select greatest((select generation from hot_state where id = 1),
                                        (select coalesce(max(generation), 0) from hot_cluster),
                                        (select coalesce(max(generation), 0) from hot_member)) + 1""").query(Integer.class).single();
        Live fresh = new Live(new HotIssueIndex(rules), generation);
        rows.forEach(r -> fresh.index.count(r.message));
        int done = 0;
        for (Row r : rows) {
            fresh.index.addCounted(r.message);
            fresh.remember(r);
            if (++done % BATCH == 0) {
                progress(done);
            }
        }
        Instant now = clock.instant();
        // Clusters first, then their members in batches, each batch its own transaction so the progress shows.
        List<Integer> numbers = new ArrayList<>(new java.util.TreeSet<>(java.util.stream.IntStream.range(0, rows.size())
                .map(fresh.index::clusterOf)
                .boxed()
                .toList()));
        for (int start = 0; start < numbers.size(); start += BATCH) {
            List<Integer> batch = numbers.subList(start, Math.min(numbers.size(), start + BATCH));
            tx.executeWithoutResult(status -> batch.forEach(number -> insertCluster(fresh, number, now)));
        }
        Map<Integer, Long> ids = fresh.idOf;
        for (int start = 0; start < rows.size(); start += BATCH) {
            int from = start;
            int to = Math.min(rows.size(), start + BATCH);
            tx.executeWithoutResult(status -> {
                for (int doc = from; doc < to; doc++) {
                    jdbc.sql("""
                                    insert into hot_member (generation, request_id, cluster_id, joined_at)
                                    values (:generation, :request, :cluster, :at)""")
                            .param("generation", generation)
                            .param(
                                    "request",
                                    Long.parseLong(rows.get(doc).message.id()))
                            .param("cluster", ids.get(fresh.index.clusterOf(doc)))
                            .param("at", Timestamp.from(now))
                            .update();
                }
            });
            progress(rows.size() + to);
        }
        synchronized (lock) {
            try {
                tx.executeWithoutResult(status -> {
                    lockDatabase();
                    fresh.lastSeq = jdbc.sql("select coalesce(max(seq), 0) from hot_member where generation = :g")
                            .param("g", generation)
                            .query(Long.class)
                            .single();
                    List<Row> late = jdbc.sql(MISSING_FROM_GENERATION)
                            .param("generation", generation)
                            .query(this::row)
                            .list();
                    Batch batch = new Batch(clock.instant());
                    for (Row r : late) {
                        add(fresh, r, batch);
                    }
                    finish(fresh, batch);
                    followThemes(generation);
                    jdbc.sql("""
                                    update hot_state set generation = :generation, recompute_done = recompute_of,
                                                         recomputed_at = :at
                                     where id = 1""")
                            .param("generation", generation)
                            .param("at", Timestamp.from(clock.instant()))
                            .update();
                });
                live = fresh;
            } catch (RuntimeException e) {
                live = null;
                throw e;
            }
        }
        // Old generations go, but for clusters a theme still names whose requests are all gone: those rows stay,
        // cut loose from their old merges, and are never shown.
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                            update hot_cluster set merged_into = null
                             where generation <> :g and id in (select cluster_id from theme_cluster)""").param("g", generation).update();
            jdbc.sql("delete from hot_member where generation <> :g")
                    .param("g", generation)
                    .update();
            jdbc.sql("""
                            delete from hot_cluster c
                             where c.generation <> :g
                               and not exists (select 1 from theme_cluster t where t.cluster_id = c.id)""").param("g", generation).update();
        });
        log.info("Hot issues recomputed: {} requests, generation {}", rows.size(), generation);
    }

    /**
     * Themes were made from clusters of the old generation: each now points at the new cluster that holds most of its
     * requests, so the theme's effect keeps counting. A cluster whose requests all vanished keeps its old row.
     */
    private void followThemes(int generation) {
        jdbc.sql(THEME_SUCCESSORS + """
                        insert into theme_cluster (theme_id, cluster_id)
                        select t.theme_id, b.successor from theme_cluster t join best b on b.picked = t.cluster_id
                        on conflict do nothing""").param("g", generation).update();
        jdbc.sql(THEME_SUCCESSORS + """
                        delete from theme_cluster t using best b where t.cluster_id = b.picked""").param("g", generation).update();
    }

    /** For each theme's cluster of an old generation: its last survivor there, and that survivor's successor now. */
    private static final String THEME_SUCCESSORS = """
            with recursive chain (picked, id, merged_into) as (
                select c.id, c.id, c.merged_into
                  from hot_cluster c join theme_cluster t on t.cluster_id = c.id
                 where c.generation <> :g
                union
                select chain.picked, h.id, h.merged_into from chain join hot_cluster h on h.id = chain.merged_into
            ),
            root as (select picked, id as root from chain where merged_into is null),
            votes as (
                select r.picked, n.cluster_id as successor, count(*) as requests
                  from root r
                  join hot_member o on o.cluster_id = r.root
                  join hot_member n on n.request_id = o.request_id and n.generation = :g
                 group by r.picked, n.cluster_id
            ),
            best as (
                select distinct on (picked) picked, successor from votes order by picked, requests desc, successor
            )
            """;

    private void progress(int done) {
        jdbc.sql("update hot_state set recompute_done = :done where id = 1")
                .param("done", done)
                .update();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    int generation() {
        return jdbc.sql("select generation from hot_state where id = 1")
                .query(Integer.class)
                .single();
    }

    private void lockDatabase() {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(:key)) l")
                .param("key", LOCK)
                .query(Integer.class)
                .single();
    }

    /** A request as clustering sees it, and whether its text must stay hidden. */
    private record Row(HotMessage message, boolean confidential) {}

    private Row row(ResultSet rs, int n) throws SQLException {
        String text = rs.getString("text");
        Long community = (Long) rs.getObject("community_id");
        Double lat = (Double) rs.getObject("latitude");
        Double lon = (Double) rs.getObject("longitude");
        String area = null;
        if (community != null) {
            area = countyOf(community).map(id -> "county:" + id).orElse("community:" + community);
        } else if (lat != null && lon != null) {
            area = countyAt(lat, lon).map(id -> "county:" + id).orElse(null);
        }
        HotMessage m = new HotMessage(
                String.valueOf(rs.getLong("id")),
                title(text),
                text,
                rs.getTimestamp("received_at").toInstant(),
                area,
                lat,
                lon,
                rs.getString("contact_phone_hash"),
                0,
                "EMERGENCY".equals(rs.getString("urgency")));
        return new Row(m, rs.getBoolean("confidential"));
    }

    private final Map<Long, Optional<Long>> counties = new java.util.concurrent.ConcurrentHashMap<>();

    private Optional<Long> countyOf(long community) {
        return counties.computeIfAbsent(community, c -> {
            try {
                return units.county(c).map(Unit::id);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** The county whose grid holds a point, for requests filed with a point but no community. */
    private Optional<Long> countyAt(double lat, double lon) {
        try {
            return units.gridAt(lat, lon).flatMap(g -> units.county(g.id())).map(Unit::id);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A request's title: its text's first clause, at most 30 characters. */
    static String title(String text) {
        String t = text == null ? "" : text.strip();
        int end = t.length();
        for (int i = 0; i < t.length(); i++) {
            if ("。！？!?，,\n".indexOf(t.charAt(i)) >= 0) {
                end = i;
                break;
            }
        }
        t = t.substring(0, end).strip();
        if (t.codePointCount(0, t.length()) > TITLE_MAX) {
            t = t.substring(0, t.offsetByCodePoints(0, TITLE_MAX));
        }
        return t;
    }

    /** One generation's index with the mapping from its cluster numbers to hot_cluster ids. */
    private static final class Live {
        final HotIssueIndex index;
        final int generation;
        final Map<Integer, Long> idOf = new HashMap<>();
        final Map<Long, Integer> numberOf = new HashMap<>();
        final Set<Long> merged = new HashSet<>();
        final Set<String> confidential = new HashSet<>();
        long lastSeq;

        Live(HotIssueIndex index, int generation) {
            this.index = index;
            this.generation = generation;
        }

        int numberFor(long clusterId) {
            Integer n = numberOf.get(clusterId);
            if (n != null) {
                return n;
            }
            int number = index.clusterCount();
            map(number, clusterId);
            return number;
        }

        void map(int number, long clusterId) {
            idOf.put(number, clusterId);
            numberOf.put(clusterId, number);
        }

        void remember(Row row) {
            if (row.confidential) {
                confidential.add(row.message.id());
            }
        }
    }
}
