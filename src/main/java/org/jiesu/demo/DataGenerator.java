package org.jiesu.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jiesu.governance.Heat;
import org.jiesu.governance.HotIssues;
import org.jiesu.units.Category;
import org.jiesu.units.LimitClass;
import org.jiesu.units.Route;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Writes a realistic history for benchmarks (docs/data-generator.md): requests drawn from the shared hotline texts,
 * placed in the demo prefecture's grids, dispatched by the catalogue, signed, replied, called back and closed, with
 * their logs, histories, callbacks, resident ratings, hot-issue memberships and assessment facts, so that the
 * platform started afterwards has nothing to catch up. Rows go in with COPY, a batch of orders to a transaction: one
 * thread makes the next batch while another sends the current one, so memory stays bounded whatever the number.
 *
 * <p>Ids come from the tables' identity sequences: the first of each is taken with {@code nextval} at the start, the
 * rows carry explicit ids (COPY writes identity columns as given), and each sequence is set past the last id at the
 * end. Run it while no instance of the platform writes to the database.
 */
@Component
@Profile("demo")
class DataGenerator {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DataGenerator.class);

    /** Rows written per table, and the time it took. */
    record Summary(Map<String, Long> rows, long orders, long requests, Duration took) {}

    private static final String[] CHANNELS = {"HOTLINE", "WEB", "API", "GRID_VISIT", "CONSULTATION_MEETING"};
    private static final double[] CHANNEL_SHARE = {0.62, 0.18, 0.08, 0.10, 0.02};
    private static final String[] TYPES = {"HELP", "COMPLAINT", "CONSULTATION", "REPORT", "SUGGESTION"};
    private static final double[] TYPE_SHARE = {0.40, 0.30, 0.12, 0.08, 0.10};
    /** Requests by hour of the local day: quiet at night, busiest in working hours. */
    private static final double[] HOURS = {
        0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.6, 3.4, 3.6, 3.2, 2.0, 2.2, 3.0, 3.3, 3.1, 2.6, 1.8, 1.6, 1.5, 1.2,
        0.8, 0.5
    };

    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final DateTimeFormatter CODE_DATE = DateTimeFormatter.ofPattern("yyMMdd");
    private static final Pattern POSITION = Pattern.compile("\\[\\s*(-?[0-9.]+)\\s*,\\s*(-?[0-9.]+)\\s*]");

    private static final long MINUTE = 60;
    private static final long HOUR = 3600;
    private static final long DAY = 86_400;
    /** Hot-issue clusters are drawn per source text, county and period of this length: the platform's window. */
    private static final long CLUSTER_PERIOD = 60 * DAY;

    private static final String NEXT_IDS = """
            select nextval(pg_get_serial_sequence('request', 'id')),
                   nextval(pg_get_serial_sequence('request_log', 'id')),
                   nextval(pg_get_serial_sequence('work_order', 'id')),
                   nextval(pg_get_serial_sequence('order_history', 'id')),
                   nextval(pg_get_serial_sequence('callback', 'id')),
                   nextval(pg_get_serial_sequence('hot_cluster', 'id')),
                   nextval(pg_get_serial_sequence('hot_member', 'seq')),
                   (select generation from hot_state where id = 1)""";

    /** Each sequence past the highest id its table holds, so the platform's own inserts never clash. */
    private static final List<String> SET_SEQUENCES = List.of(
            "select setval(pg_get_serial_sequence('request', 'id'), (select max(id) from request))",
            "select setval(pg_get_serial_sequence('request_log', 'id'), (select max(id) from request_log))",
            "select setval(pg_get_serial_sequence('work_order', 'id'), (select max(id) from work_order))",
            "select setval(pg_get_serial_sequence('order_history', 'id'), (select max(id) from order_history))",
            "select setval(pg_get_serial_sequence('callback', 'id'), (select max(id) from callback))",
            "select setval(pg_get_serial_sequence('hot_cluster', 'id'), (select max(id) from hot_cluster))",
            "select setval(pg_get_serial_sequence('hot_member', 'seq'), (select max(seq) from hot_member))");

    private static final String ANALYZE = """
            analyze request, request_log, work_order, order_request, order_history, callback, resident_rating,
                    hot_cluster, hot_member, assessment_order_fact, assessment_rollup, assessment_volume,
                    scheduled_tasks""";

    private static final String SUPERUSER = "select rolsuper from pg_roles where rolname = current_user";
    /** Foreign-key and other triggers off for this session, as pg_restore's --disable-triggers does. */
    private static final String SKIP_TRIGGERS = "set session_replication_role = replica";

    private static final String KEEP_TRIGGERS = "set session_replication_role = default";

    private static final String KEYWORDS = "select category_code, keyword from category_keyword order by keyword";

    /** The batch's facts summed into the rollups, as {@code Rollups} sums them. */
    private static final String ROLLUP_BATCH = """
            insert into assessment_rollup (unit_id, month, metric, outcome, exclusion, n)
            select unit_id, month, metric, outcome, exclusion, count(*) from (
                select unit_id, dispatch_month as month, 'response' as metric, response as outcome, exclusion
                from assessment_order_fact where order_id between ? and ?
                union all
                select unit_id, callback_month, 'resolution', resolution, exclusion
                from assessment_order_fact where order_id between ? and ? and callback_month is not null
                union all
                select unit_id, rating_month, 'satisfaction', satisfaction, exclusion
                from assessment_order_fact where order_id between ? and ? and rating_month is not null) c
            group by unit_id, month, metric, outcome, exclusion
            order by unit_id, month, metric, outcome, exclusion
            on conflict (unit_id, month, metric, outcome, exclusion) do update set n = assessment_rollup.n + excluded.n
            """;

    /** The batch's facts summed into the volumes, as {@code Rollups} sums them. */
    private static final String VOLUME_BATCH = """
            insert into assessment_volume (unit_id, day, category, n)
            select unit_id, dispatch_day, category, count(*) from assessment_order_fact
            where order_id between ? and ?
            group by unit_id, dispatch_day, category
            order by unit_id, dispatch_day, category
            on conflict (unit_id, day, category) do update set n = assessment_volume.n + excluded.n
            """;

    private static final String CREATE_FIGURES = """
            create temporary table if not exists generated_hot_figures (
                id bigint, last_at timestamp with time zone, size int, urgent int, heat double precision,
                latitude double precision, longitude double precision) on commit delete rows""";

    /** A cluster's final figures once its period is over: it was written with its first member's. */
    private static final String APPLY_FIGURES = """
            update hot_cluster c
               set last_at = f.last_at, size = f.size, requesters = f.size, urgent = f.urgent, heat = f.heat,
                   latitude = f.latitude, longitude = f.longitude, updated_at = f.last_at
              from generated_hot_figures f
             where c.id = f.id""";

    private final DataSource dataSource;
    private final UnitDirectory units;
    private final Clock clock;
    private final ZoneId zone;

    DataGenerator(
            DataSource dataSource,
            UnitDirectory units,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.dataSource = dataSource;
        this.units = units;
        this.clock = clock;
        this.zone = zone;
    }

    /** Generates {@code options.orders()} orders; {@code progress} hears how many are committed after each batch. */
    Summary generate(GeneratorOptions options, GeneratorTexts texts, LongConsumer progress) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Summary summary = generate(connection, options, texts, progress, started);
                connection.setAutoCommit(autoCommit);
                return summary;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Generating failed: " + e.getMessage(), e);
        }
    }

    private Summary generate(
            Connection connection, GeneratorOptions options, GeneratorTexts texts, LongConsumer progress, long started)
            throws SQLException, IOException {
        Plan plan = plan(connection, texts);
        // Hot-issue placement paused until the end: a platform still running (or a test's context) would otherwise
        // take cluster ids and member numbers the generator is writing.
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?)")) {
            lock.setLong(1, HotIssues.LOCK);
            lock.execute();
        }
        try {
            return generateLocked(connection, options, texts, progress, started, plan);
        } finally {
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, HotIssues.LOCK);
                unlock.execute();
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    private Summary generateLocked(
            Connection connection,
            GeneratorOptions options,
            GeneratorTexts texts,
            LongConsumer progress,
            long started,
            Plan plan)
            throws SQLException, IOException {
        long[] first = new long[8];
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(NEXT_IDS)) {
            rs.next();
            for (int i = 0; i < first.length; i++) {
                first[i] = rs.getLong(i + 1);
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute(CREATE_FIGURES);
            if (!options.checked()) {
                try (ResultSet rs = s.executeQuery(SUPERUSER)) {
                    if (rs.next() && rs.getBoolean(1)) {
                        s.execute(SKIP_TRIGGERS);
                    }
                }
            }
        }
        connection.commit();
        try {
            return generate(connection, options, texts, progress, started, plan, first);
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            // Also after a failure: the batches committed before it keep their ids, and the platform must not reuse
            // them.
            try (Statement s = connection.createStatement()) {
                s.execute(KEEP_TRIGGERS);
                for (String sql : SET_SEQUENCES) {
                    s.execute(sql);
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    private Summary generate(
            Connection connection,
            GeneratorOptions options,
            GeneratorTexts texts,
            LongConsumer progress,
            long started,
            Plan plan,
            long[] first)
            throws SQLException, IOException {
        Maker maker = new Maker(plan, texts, options, first, Instant.now(clock).getEpochSecond());
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Map<String, Long> totals = new LinkedHashMap<>();
        Map<String, Long> nanos = new LinkedHashMap<>();

        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
        Thread producer = new Thread(
                () -> {
                    try {
                        Batch b;
                        do {
                            b = maker.next();
                            queue.put(b);
                        } while (!b.last);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException | Error e) {
                        try {
                            queue.put(e);
                        } catch (InterruptedException ignored) {
                            Thread.currentThread().interrupt();
                        }
                    }
                },
                "generate-rows");
        producer.setDaemon(true);
        producer.start();
        long done = 0;
        long waited = 0;
        try {
            while (true) {
                long waitStart = System.nanoTime();
                Object next = queue.take();
                waited += System.nanoTime() - waitStart;
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                if (next instanceof Error e) {
                    throw e;
                }
                Batch b = (Batch) next;
                write(connection, copy, b, totals, nanos);
                done += b.orders;
                progress.accept(done);
                if (b.last) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } finally {
            producer.interrupt();
        }
        log.info("Waited {} ms for rows to be made; wrote the rest of the time", waited / 1_000_000);
        nanos.forEach((table, took) -> log.info("  {}: {} ms", table, took / 1_000_000));
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute(ANALYZE);
        }
        return new Summary(totals, done, maker.requests, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Sends one batch and commits it; adds its rows to {@code totals} and the time per table to {@code nanos}. */
    private static void write(
            Connection connection, CopyManager copy, Batch b, Map<String, Long> totals, Map<String, Long> nanos)
            throws SQLException, IOException {
        for (Map.Entry<String, CopyRows> t : b.tables.entrySet()) {
            totals.merge(t.getKey(), t.getValue().rowsInBatch(), Long::sum);
            long t0 = System.nanoTime();
            t.getValue().send(copy);
            nanos.merge(t.getKey(), System.nanoTime() - t0, Long::sum);
        }
        long t0 = System.nanoTime();
        if (b.orders > 0) {
            try (PreparedStatement rollup = connection.prepareStatement(ROLLUP_BATCH)) {
                for (int i = 0; i < 3; i++) {
                    rollup.setLong(2 * i + 1, b.firstOrderId);
                    rollup.setLong(2 * i + 2, b.lastOrderId);
                }
                rollup.executeUpdate();
            }
            try (PreparedStatement volume = connection.prepareStatement(VOLUME_BATCH)) {
                volume.setLong(1, b.firstOrderId);
                volume.setLong(2, b.lastOrderId);
                volume.executeUpdate();
            }
        }
        if (b.figures.rowsInBatch() > 0) {
            b.figures.send(copy);
            try (Statement s = connection.createStatement()) {
                s.executeUpdate(APPLY_FIGURES);
            }
        }
        nanos.merge("rollup+figures", System.nanoTime() - t0, Long::sum);
        t0 = System.nanoTime();
        connection.commit();
        nanos.merge("commit", System.nanoTime() - t0, Long::sum);
    }

    // ------------------------------------------------------------------------------------------------- the plan

    /** A grid to place requests in: its box, its community, county, street and how busy it is. */
    private record Grid(
            Unit unit, long communityId, long countyId, double south, double west, double north, double east) {}

    /** What the generator knows of the prefecture, read once before the first batch. */
    private static final class Plan {
        final List<Grid> grids = new ArrayList<>();
        double[] gridWeights;
        final List<Category> categories = new ArrayList<>();
        final Map<String, Integer> categoryIndex = new HashMap<>();
        /** Per source text, the index of its category. */
        int[] textCategory;
        /** Lead route per grid and category, and where it goes after a return. */
        Route[][] lead;

        Route[][] afterReturn;
        /** The unit one level up from a lead unit, for escalation; absent when it may not escalate. */
        final Map<Long, Optional<Unit>> above = new HashMap<>();

        int hotGeneration;
    }

    private Plan plan(Connection connection, GeneratorTexts texts) throws SQLException {
        Plan plan = new Plan();
        units.reload();
        Map<Long, String> areas = units.areas();
        List<Unit> all = units.units().stream()
                .filter(u -> u.kind() == UnitKind.GRID && areas.containsKey(u.id()))
                .sorted((a, b) -> a.code().compareTo(b.code()))
                .toList();
        for (Unit grid : all) {
            double[] box = box(areas.get(grid.id()));
            Long community = grid.parentId();
            Optional<Unit> county = units.county(grid.id());
            if (box == null || community == null || county.isEmpty()) {
                continue;
            }
            plan.grids.add(new Grid(grid, community, county.get().id(), box[0], box[1], box[2], box[3]));
        }
        if (plan.grids.isEmpty()) {
            throw new IllegalStateException("The database has no grids with areas: the demo prefecture is missing.");
        }
        // Some grids are busy town centres, others quiet villages.
        SplittableRandom weights = new SplittableRandom(7);
        plan.gridWeights = new double[plan.grids.size()];
        for (int i = 0; i < plan.grids.size(); i++) {
            UnitKind community = units.unit(plan.grids.get(i).communityId()).kind();
            plan.gridWeights[i] = (community == UnitKind.COMMUNITY ? 3 : 1) * (0.5 + weights.nextDouble());
        }
        plan.categories.addAll(units.categories().stream()
                .sorted((a, b) -> a.code().compareTo(b.code()))
                .toList());
        for (int i = 0; i < plan.categories.size(); i++) {
            plan.categoryIndex.put(plan.categories.get(i).code(), i);
        }
        plan.textCategory = categorise(connection, plan, texts);
        plan.lead = new Route[plan.grids.size()][plan.categories.size()];
        plan.afterReturn = new Route[plan.grids.size()][plan.categories.size()];
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select generation from hot_state where id = 1")) {
            plan.hotGeneration = rs.next() ? rs.getInt(1) : 1;
        }
        return plan;
    }

    /**
     * A category for each text: a keyword of a subcategory of its label (一级标签 names the top-level categories), else
     * any keyword, else the label's own category, else 其他.
     */
    private static int[] categorise(Connection connection, Plan plan, GeneratorTexts texts) throws SQLException {
        List<String[]> keywords = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(KEYWORDS)) {
            while (rs.next()) {
                keywords.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        Map<String, String> byName = new HashMap<>();
        Map<String, String> parentOf = new HashMap<>();
        for (Category c : plan.categories) {
            if (c.parentCode() == null) {
                byName.put(c.name(), c.code());
            }
            parentOf.put(c.code(), c.parentCode() == null ? c.code() : c.parentCode());
        }
        int other = plan.categoryIndex.getOrDefault("OTHER", 0);
        int[] out = new int[texts.messages().size()];
        for (int i = 0; i < out.length; i++) {
            GeneratorTexts.Source m = texts.messages().get(i);
            String label = m.label() == null ? null : byName.get(m.label());
            String found = null;
            for (String[] k : keywords) {
                if (m.text().contains(k[1]) && (label == null || label.equals(parentOf.get(k[0])))) {
                    found = k[0];
                    break;
                }
            }
            String code = found != null ? found : label;
            out[i] = code == null ? other : plan.categoryIndex.getOrDefault(code, other);
        }
        return out;
    }

    /** The bounding box of a GeoJSON polygon: south, west, north, east. */
    private static double @Nullable [] box(String geoJson) {
        Matcher m = POSITION.matcher(geoJson);
        double south = 90, west = 180, north = -90, east = -180;
        boolean any = false;
        while (m.find()) {
            double lon = Double.parseDouble(m.group(1));
            double lat = Double.parseDouble(m.group(2));
            south = Math.min(south, lat);
            north = Math.max(north, lat);
            west = Math.min(west, lon);
            east = Math.max(east, lon);
            any = true;
        }
        return any ? new double[] {south, west, north, east} : null;
    }

    // ----------------------------------------------------------------------------------------------- the batches

    /** One transaction's rows, table by table in the order their foreign keys need. */
    private static final class Batch {
        final Map<String, CopyRows> tables = new LinkedHashMap<>();
        final CopyRows request = table("request", """
                request (id, tracking_code, channel, type, text, category_code, urgency, latitude, longitude,
                         community_id, address, confidential, status, received_at, received_by, county_id)""");
        final CopyRows requestLog =
                table("request_log", "request_log (id, request_id, at, actor, action, detail, county_id)");
        final CopyRows order = table("work_order", """
                work_order (id, request_id, unit_id, role, state, state_before_return, limit_class, route_note,
                            fallback, dispatched_at, sign_deadline, reply_deadline, signed_at, replied_at, closed_at,
                            reply, final_reply, final_signed_off_by, return_reason, extensions, urged_at, urge_note,
                            warned_at, sign_overdue_at, overdue_at, county_id)""");
        final CopyRows orderRequest = table("order_request", "order_request (order_id, request_id)");
        final CopyRows history = table("order_history", """
                order_history (id, order_id, at, actor, action, from_state, to_state, unit_id, reason, county_id)""");
        final CopyRows callback = table("callback", """
                callback (id, order_id, request_id, round, at, actor, outcome, satisfaction, note)""");
        final CopyRows rating =
                table("resident_rating", "resident_rating (request_id, resolved, satisfaction, comment, at)");
        final CopyRows cluster = table("hot_cluster", """
                hot_cluster (id, generation, title, county_id, first_at, last_at, size, requesters, supports, urgent,
                             heat, latitude, longitude, updated_at)""");
        final CopyRows member = table("hot_member", "hot_member (generation, request_id, cluster_id, seq, joined_at)");
        final CopyRows fact = table("assessment_order_fact", """
                assessment_order_fact (order_id, unit_id, dispatch_month, exclusion, response, sign_deadline,
                                       callback_month, resolution, rating_month, satisfaction, dispatch_day,
                                       category)""");
        final CopyRows timer = table("scheduled_tasks", """
                scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, picked_by, last_success,
                                 last_failure, consecutive_failures, last_heartbeat, version, priority)""");
        final CopyRows figures =
                new CopyRows("generated_hot_figures (id, last_at, size, urgent, heat, latitude, longitude)");
        long orders;
        long firstOrderId;
        long lastOrderId;
        boolean last;

        private CopyRows table(String name, String columns) {
            CopyRows rows = new CopyRows(columns.replaceAll("\\s+", " "));
            tables.put(name, rows);
            return rows;
        }
    }

    /** One step of an order's history, sorted by time before it is written. */
    private record Step(
            long at,
            String actor,
            String action,
            @Nullable String from,
            @Nullable String to,
            @Nullable String reason) {}

    /** A hot-issue cluster still open in the current period. */
    private static final class Cluster {
        final long id;
        final long firstAt;
        long lastAt;
        int size;
        int urgent;
        double lat;
        double lon;
        long[] times = new long[4];

        Cluster(long id, long firstAt) {
            this.id = id;
            this.firstAt = firstAt;
        }

        void add(long at, boolean isUrgent, double latitude, double longitude) {
            if (size == times.length) {
                times = java.util.Arrays.copyOf(times, size * 2);
            }
            times[size++] = at;
            lastAt = Math.max(lastAt, at);
            urgent += isUrgent ? 1 : 0;
            lat += latitude;
            lon += longitude;
        }

        double heat() {
            int recent = 0;
            int previous = 0;
            for (int i = 0; i < size; i++) {
                long age = lastAt - times[i];
                if (age < 30 * DAY) {
                    recent++;
                } else if (age < 60 * DAY) {
                    previous++;
                }
            }
            return Heat.of(size, size, 0, recent, previous, urgent);
        }
    }

    /** Makes the rows, batch after batch, in time order; used by one thread. */
    private final class Maker {
        final Plan plan;
        final GeneratorTexts texts;
        final GeneratorOptions options;
        final SplittableRandom random;
        final long now;
        final LocalDate firstDay;
        final double[] dayTargets;
        final double[] gridCumulative;
        final int[] popular;
        final int[] home;

        long requestId;
        long logId;
        long orderId;
        long historyId;
        /** The county of the request being written: its log, orders and history carry it too (V90). */
        long county;
        /** The top-level category of the request being written: its orders' facts carry it (V96). */
        String topCategory = "-";

        long callbackId;
        long clusterId;
        long seq;

        long ordersMade;
        long requests;
        int day;
        boolean dayLoaded;
        long[] dayTimes = new long[0];
        int dayNext;
        long period = -1;
        final Map<Long, Cluster> live = new HashMap<>();

        Maker(Plan plan, GeneratorTexts texts, GeneratorOptions options, long[] first, long now) {
            this.plan = plan;
            this.texts = texts;
            this.options = options;
            this.random = new SplittableRandom(options.seed());
            this.now = now;
            requestId = first[0];
            logId = first[1];
            orderId = first[2];
            historyId = first[3];
            callbackId = first[4];
            clusterId = first[5];
            seq = first[6];
            LocalDate today = LocalDate.ofInstant(Instant.ofEpochSecond(now), zone);
            firstDay = today.minusDays(options.days() - 1L);
            // The orders to have made by the end of each day: weekends are quieter.
            double[] weights = new double[options.days()];
            double sum = 0;
            for (int d = 0; d < weights.length; d++) {
                DayOfWeek w = firstDay.plusDays(d).getDayOfWeek();
                weights[d] = w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY ? 0.7 : 1.0;
                sum += weights[d];
            }
            dayTargets = new double[weights.length];
            double running = 0;
            for (int d = 0; d < weights.length; d++) {
                running += weights[d];
                dayTargets[d] = options.orders() * running / sum;
            }
            dayTargets[weights.length - 1] = options.orders();
            gridCumulative = cumulative(plan.gridWeights);
            // A few hundred matters come back again and again, mostly from one place: the hot issues.
            int n = texts.messages().size();
            popular = new int[Math.min(n, 300)];
            home = new int[popular.length];
            for (int i = 0; i < popular.length; i++) {
                popular[i] = random.nextInt(n);
                home[i] = pickCumulative(gridCumulative);
            }
        }

        Batch next() {
            Batch b = new Batch();
            b.firstOrderId = orderId;
            while (b.orders < options.batch() && ordersMade < options.orders()) {
                long receivedAt = nextTime();
                int made = request(b, receivedAt);
                b.orders += made;
                ordersMade += made;
            }
            b.lastOrderId = orderId - 1;
            if (ordersMade >= options.orders()) {
                closePeriod(b);
                b.last = true;
            }
            return b;
        }

        /** The next request's time: days in turn, each day's times drawn at once and sorted. */
        long nextTime() {
            int last = dayTargets.length - 1;
            while (true) {
                if (dayLoaded && dayNext < dayTimes.length && (day == last || ordersMade < dayTargets[day])) {
                    return dayTimes[dayNext++];
                }
                if (dayLoaded && day < last) {
                    day++;
                }
                loadDay();
                dayLoaded = true;
            }
        }

        private void loadDay() {
            double want = dayTargets[day] - ordersMade;
            int count = want <= 0 ? 0 : (int) Math.ceil(want / 1.03) + 2;
            long start = firstDay.plusDays(day).atStartOfDay(zone).toEpochSecond();
            long end = Math.min(start + DAY, now - 10 * MINUTE);
            dayTimes = new long[count];
            for (int i = 0; i < count; i++) {
                long t = start + pickHour() * HOUR + (long) (random.nextDouble() * HOUR);
                if (t >= end) {
                    t = end > start
                            ? start + (long) (random.nextDouble() * (end - start))
                            : end - 1 - random.nextInt(600);
                }
                dayTimes[i] = t;
            }
            java.util.Arrays.sort(dayTimes);
            dayNext = 0;
        }

        int pickHour() {
            double r = random.nextDouble() * 38.8; // the sum of HOURS
            for (int h = 0; h < HOURS.length; h++) {
                r -= HOURS[h];
                if (r < 0) {
                    return h;
                }
            }
            return 12;
        }

        /** One request with its orders; returns how many orders it got. */
        int request(Batch b, long receivedAt) {
            requests++;
            long id = requestId++;
            int text;
            int gridIndex;
            if (random.nextDouble() < 0.2) {
                int p = random.nextInt(popular.length);
                text = popular[p];
                gridIndex = random.nextDouble() < 0.7 ? home[p] : pickCumulative(gridCumulative);
            } else {
                text = random.nextInt(texts.messages().size());
                gridIndex = pickCumulative(gridCumulative);
            }
            GeneratorTexts.Source source = texts.messages().get(text);
            Grid grid = plan.grids.get(gridIndex);
            county = grid.countyId();
            int categoryIndex = plan.textCategory[text];
            Category category = plan.categories.get(categoryIndex);
            topCategory = category.parentCode() == null ? category.code() : category.parentCode();
            double lat = grid.south() + (0.02 + 0.96 * random.nextDouble()) * (grid.north() - grid.south());
            double lon = grid.west() + (0.02 + 0.96 * random.nextDouble()) * (grid.east() - grid.west());
            lat = Math.round(lat * 1e6) / 1e6;
            lon = Math.round(lon * 1e6) / 1e6;
            String channel = CHANNELS[pick(CHANNEL_SHARE)];
            boolean urgent = random.nextDouble() < 0.02;
            String receivedBy = switch (channel) {
                case "WEB", "API" -> "resident";
                case "GRID_VISIT" -> "grid";
                default -> "operator";
            };
            b.request
                    .add(id)
                    .add(trackingCode(receivedAt, id))
                    .add(channel)
                    .add(TYPES[pick(TYPE_SHARE)])
                    .add(source.text())
                    .add(category.code())
                    .add(urgent ? "EMERGENCY" : "NORMAL")
                    .add(lat)
                    .add(lon)
                    .add(grid.communityId())
                    .add(grid.unit().name() + "附近")
                    .add(random.nextDouble() < 0.03)
                    .add("DISPATCHED")
                    .time(receivedAt)
                    .add(receivedBy)
                    .add(grid.countyId());
            b.request.end();
            b.requestLog
                    .add(logId++)
                    .add(id)
                    .time(receivedAt)
                    .add(receivedBy)
                    .add("RECEIVED")
                    .add("Received by " + channel.toLowerCase().replace('_', ' '))
                    .add(county);
            b.requestLog.end();
            cluster(b, id, text, source, grid, receivedAt, urgent, lat, lon);

            LimitClass limit = urgent ? LimitClass.EMERGENCY : category.limitClass();
            Route lead = route(gridIndex, categoryIndex, grid, lat, lon, false);
            long dispatched = receivedAt + (urgent ? 60 + random.nextInt(240) : 180 + random.nextInt(2220));
            if (dispatched >= now) {
                dispatched = receivedAt + Math.max(1, (now - receivedAt) / 2);
            }
            long remaining = options.orders() - ordersMade;
            double r = random.nextDouble();
            if (remaining >= 2 && r < 0.03) {
                Route next = route(gridIndex, categoryIndex, grid, lat, lon, true);
                if (next.unitId() != lead.unitId()) {
                    long handedOver = returned(b, id, lead, limit, dispatched);
                    if (handedOver < now) {
                        lifecycle(b, id, next, limit, handedOver, "operator", "Re-dispatched after a return: ");
                        return 2;
                    }
                    return 1;
                }
            } else if (remaining >= 2 && r < 0.045) {
                Optional<Unit> above = plan.above.computeIfAbsent(lead.unitId(), this::escalationTarget);
                if (above.isPresent()) {
                    long handedOver = escalated(b, id, lead, above.get(), limit, dispatched);
                    if (handedOver < now) {
                        Route up = new Route(
                                above.get().id(),
                                above.get().name(),
                                null,
                                false,
                                "Escalated from " + lead.unitName() + ": 涉及多个部门，需要上级统筹协调。");
                        lifecycle(b, id, up, limit, handedOver, "supervisor", "");
                        return 2;
                    }
                    return 1;
                }
            }
            lifecycle(b, id, lead, limit, dispatched, "operator", "");
            return 1;
        }

        Optional<Unit> escalationTarget(long unitId) {
            Unit unit = units.unit(unitId);
            if (!unit.kind().territorial()
                    || unit.kind().level() == null
                    || unit.kind().level().ordinal() <= UnitKind.Level.COUNTY.ordinal()) {
                return Optional.empty();
            }
            return units.levelAbove(unitId);
        }

        Route route(int gridIndex, int categoryIndex, Grid grid, double lat, double lon, boolean afterReturn) {
            Route[][] cache = afterReturn ? plan.afterReturn : plan.lead;
            Route route = cache[gridIndex][categoryIndex];
            if (route == null) {
                String code = plan.categories.get(categoryIndex).code();
                Route first = units.route(lat, lon, null, code, Set.of());
                route = afterReturn ? units.route(lat, lon, null, code, Set.of(first.unitId())) : first;
                cache[gridIndex][categoryIndex] = route;
            }
            return route;
        }

        /** An order the unit asked to return, approved: the request goes elsewhere. Returns when it was handed on. */
        long returned(Batch b, long requestId, Route route, LimitClass limit, long dispatched) {
            long id = orderId++;
            long signDeadline = dispatched + 2 * HOUR;
            long replyDeadline = dispatched + limitSeconds(limit);
            long signed = random.nextBoolean() ? dispatched + 5 * MINUTE + random.nextInt(100) * MINUTE : 0;
            long asked = Math.max(dispatched, signed) + HOUR + random.nextInt(20) * HOUR;
            long approved = asked + HOUR + random.nextInt(8) * HOUR;
            String why = "不属于本单位职责范围，请改派。";
            List<Step> steps = new ArrayList<>();
            steps.add(new Step(dispatched, "operator", "DISPATCH", null, "DISPATCHED", route.explanation()));
            String state = "DISPATCHED";
            if (signed > 0 && signed < now) {
                steps.add(new Step(signed, "handler", "SIGN", "DISPATCHED", "SIGNED", ""));
                state = "SIGNED";
            } else {
                signed = 0;
            }
            String before = state;
            long signOverdue = 0;
            if (signed == 0 && signDeadline < Math.min(asked, now)) {
                steps.add(new Step(
                        signDeadline, "system", "SIGN_OVERDUE", "DISPATCHED", "DISPATCHED", "Not signed for."));
                signOverdue = signDeadline;
            }
            long handedOver = Long.MAX_VALUE;
            if (asked < now) {
                steps.add(new Step(asked, "handler", "REQUEST_RETURN", state, "RETURN_REQUESTED", why));
                state = "RETURN_REQUESTED";
                if (approved < now) {
                    steps.add(new Step(approved, "supervisor", "APPROVE_RETURN", state, "RETURNED", "同意退回，改派。"));
                    state = "RETURNED";
                    handedOver = approved;
                }
            }
            b.order
                    .add(id)
                    .add(requestId)
                    .add(route.unitId())
                    .add("LEAD")
                    .add(state)
                    .add(state.equals("DISPATCHED") || state.equals("SIGNED") ? null : before)
                    .add(limit.name())
                    .add(route.explanation())
                    .add(route.fallback())
                    .time(dispatched)
                    .time(signDeadline)
                    .time(replyDeadline)
                    .time(signed == 0 ? Long.MIN_VALUE : signed)
                    .nullValue()
                    .nullValue()
                    .nullValue()
                    .add(false)
                    .nullValue()
                    .add(state.equals("DISPATCHED") || state.equals("SIGNED") ? null : why)
                    .add(0)
                    .nullValue()
                    .nullValue()
                    .nullValue()
                    .time(signOverdue == 0 ? Long.MIN_VALUE : signOverdue)
                    .nullValue()
                    .add(county);
            b.order.end();
            b.orderRequest.add(id).add(requestId);
            b.orderRequest.end();
            history(b, id, route.unitId(), steps);
            boolean pending = signed == 0 && (state.equals("DISPATCHED") || state.equals("RETURN_REQUESTED"));
            fact(
                    b,
                    id,
                    route.unitId(),
                    dispatched,
                    state.equals("RETURNED") ? "RETURNED" : "",
                    response(signed, signDeadline, pending),
                    signDeadline,
                    0,
                    null,
                    0,
                    null);
            openTimers(b, id, state, "RETURNED", dispatched, signDeadline, replyDeadline);
            return handedOver;
        }

        /** An order escalated one level up after signing. Returns when it was handed on. */
        long escalated(Batch b, long requestId, Route route, Unit above, LimitClass limit, long dispatched) {
            long id = orderId++;
            long signDeadline = dispatched + 2 * HOUR;
            long replyDeadline = dispatched + limitSeconds(limit);
            long signed = dispatched + 5 * MINUTE + random.nextInt(100) * MINUTE;
            long up = signed + HOUR + random.nextInt(72) * HOUR;
            List<Step> steps = new ArrayList<>();
            steps.add(new Step(dispatched, "operator", "DISPATCH", null, "DISPATCHED", route.explanation()));
            String state = "DISPATCHED";
            long signedAt = 0;
            if (signed < now) {
                steps.add(new Step(signed, "handler", "SIGN", "DISPATCHED", "SIGNED", ""));
                state = "SIGNED";
                signedAt = signed;
            }
            long handedOver = Long.MAX_VALUE;
            if (up < now && signedAt > 0) {
                steps.add(
                        new Step(up, "handler", "ESCALATE", state, "ESCALATED", "涉及多个部门，需要上级统筹协调。 → " + above.name()));
                state = "ESCALATED";
                handedOver = up;
            }
            b.order
                    .add(id)
                    .add(requestId)
                    .add(route.unitId())
                    .add("LEAD")
                    .add(state)
                    .nullValue()
                    .add(limit.name())
                    .add(route.explanation())
                    .add(route.fallback())
                    .time(dispatched)
                    .time(signDeadline)
                    .time(replyDeadline)
                    .time(signedAt == 0 ? Long.MIN_VALUE : signedAt)
                    .nullValue()
                    .nullValue()
                    .nullValue()
                    .add(false)
                    .nullValue()
                    .nullValue()
                    .add(0)
                    .nullValue()
                    .nullValue()
                    .nullValue()
                    .nullValue()
                    .nullValue()
                    .add(county);
            b.order.end();
            b.orderRequest.add(id).add(requestId);
            b.orderRequest.end();
            history(b, id, route.unitId(), steps);
            fact(
                    b,
                    id,
                    route.unitId(),
                    dispatched,
                    "",
                    response(signedAt, signDeadline, signedAt == 0),
                    signDeadline,
                    0,
                    null,
                    0,
                    null);
            openTimers(b, id, state, "ESCALATED", dispatched, signDeadline, replyDeadline);
            return handedOver;
        }

        /** An order's ordinary life from dispatch, cut off at now: signed, replied, called back, closed. */
        void lifecycle(
                Batch b,
                long requestId,
                Route route,
                LimitClass limit,
                long dispatched,
                String dispatcher,
                String notePrefix) {
            long id = orderId++;
            long unit = route.unitId();
            String note = notePrefix + route.explanation();
            long signDeadline = dispatched + 2 * HOUR;
            long replyDeadline = dispatched + limitSeconds(limit);
            double punctual = 0.72 + (unit % 5) * 0.05;
            long signed = random.nextDouble() < punctual
                    ? dispatched + 2 * MINUTE + random.nextInt(108 * 60)
                    : signDeadline + 5 * MINUTE + random.nextInt(12 * 3600);
            int extensions = 0;
            long extendedAt = 0;
            if ((limit == LimitClass.ORDINARY || limit == LimitClass.COMPLEX) && random.nextDouble() < 0.04) {
                extendedAt = signed + DAY + random.nextInt(2 * 86_400);
            }
            long deadlineAfter = extendedAt > 0 ? replyDeadline + 5 * DAY : replyDeadline;
            boolean overdue = random.nextDouble() < 0.06;
            long replied = overdue
                    ? deadlineAfter + (long) ((0.05 + 0.45 * random.nextDouble()) * limitSeconds(limit))
                    : signed + (long) ((0.05 + 0.8 * random.nextDouble()) * Math.max(HOUR, deadlineAfter - signed));
            boolean finalReply = random.nextDouble() < 0.01;
            long calledBack = replied + 20 * HOUR + random.nextInt(30 * 3600);
            long urged = random.nextDouble() < 0.02 ? signed + HOUR * (4 + random.nextInt(48)) : 0;

            List<Step> steps = new ArrayList<>();
            steps.add(new Step(dispatched, dispatcher, "DISPATCH", null, "DISPATCHED", note));
            String state = "DISPATCHED";
            long signedAt = 0, repliedAt = 0, closedAt = 0, warnedAt = 0, signOverdueAt = 0, overdueAt = 0;
            long urgedAt = 0;
            String reply = null;
            long end = now; // events after this have not happened yet
            if (signed < end) {
                steps.add(new Step(signed, "handler", "SIGN", "DISPATCHED", "SIGNED", ""));
                state = "SIGNED";
                signedAt = signed;
            }
            if (signDeadline < Math.min(end, signedAt == 0 ? Long.MAX_VALUE : signedAt)) {
                steps.add(new Step(
                        signDeadline,
                        "system",
                        "SIGN_OVERDUE",
                        "DISPATCHED",
                        "DISPATCHED",
                        "Not signed for by the limit."));
                signOverdueAt = signDeadline;
            }
            if (signedAt > 0 && extendedAt > 0 && extendedAt < Math.min(end, replied)) {
                steps.add(new Step(extendedAt, "handler", "EXTEND", "SIGNED", "SIGNED", "需要协调相关部门，申请延期。"));
                extensions = 1;
                replyDeadline = deadlineAfter;
            }
            if (signedAt > 0 && replied < end) {
                reply = texts.replies().get(random.nextInt(texts.replies().size()));
                repliedAt = replied;
            }
            long openUntil = repliedAt > 0 ? repliedAt : end;
            long warnAt = dispatched + (long) ((replyDeadline - dispatched) * 0.8);
            if (warnAt < openUntil) {
                steps.add(new Step(warnAt, "system", "WARN", null, null, "Reply due soon."));
                warnedAt = warnAt;
            }
            if (replyDeadline < openUntil) {
                steps.add(new Step(replyDeadline, "system", "OVERDUE", null, null, "Not replied by the limit."));
                overdueAt = replyDeadline;
            }
            if (urged > 0 && urged < openUntil) {
                steps.add(new Step(urged, "supervisor", "URGE", null, null, "居民多次来电，请尽快办理。"));
                urgedAt = urged;
            }
            String resolution = null;
            String satisfaction = null;
            long callbackAt = 0;
            if (repliedAt > 0) {
                if (finalReply) {
                    steps.add(new Step(repliedAt, "head", "FINAL_REPLY", "SIGNED", "CLOSED", reply));
                    state = "CLOSED";
                    closedAt = repliedAt;
                } else {
                    steps.add(new Step(repliedAt, "handler", "REPLY", "SIGNED", "REPLIED", reply));
                    state = "REPLIED";
                    long due = repliedAt + 2 * DAY;
                    if (calledBack < end) {
                        boolean unreachable = random.nextInt(25) == 0;
                        boolean resolved = random.nextDouble() < 0.72 + (unit % 3) * 0.08;
                        double s = random.nextDouble();
                        String outcome = unreachable ? "UNREACHABLE" : resolved ? "RESOLVED" : "UNRESOLVED";
                        if (!unreachable) {
                            satisfaction = resolved
                                    ? (s < 0.7 ? "SATISFIED" : s < 0.95 ? "BASICALLY_SATISFIED" : "DISSATISFIED")
                                    : (s < 0.3 ? "BASICALLY_SATISFIED" : "DISSATISFIED");
                            resolution = resolved ? "counted" : "missed";
                        }
                        b.callback
                                .add(callbackId++)
                                .add(id)
                                .add(requestId)
                                .add(0)
                                .time(calledBack)
                                .add("operator")
                                .add(outcome)
                                .add(satisfaction)
                                .add("");
                        b.callback.end();
                        steps.add(new Step(calledBack, "operator", "CALLBACK", "REPLIED", "REPLIED", outcome));
                        steps.add(new Step(calledBack, "operator", "CLOSE", "REPLIED", "CLOSED", ""));
                        state = "CLOSED";
                        closedAt = calledBack;
                        callbackAt = unreachable ? 0 : calledBack;
                        if (due < calledBack) {
                            steps.add(new Step(
                                    due,
                                    "system",
                                    "CALLBACK_DUE",
                                    "REPLIED",
                                    "REPLIED",
                                    "Call the requesters back now."));
                        }
                    } else if (due < end) {
                        steps.add(new Step(
                                due, "system", "CALLBACK_DUE", "REPLIED", "REPLIED", "Call the requesters back now."));
                    } else {
                        timer(b, "CALLBACK_DUE", id, due, due);
                    }
                }
                rating(b, requestId, repliedAt, resolution);
            }
            b.order
                    .add(id)
                    .add(requestId)
                    .add(unit)
                    .add("LEAD")
                    .add(state)
                    .nullValue()
                    .add(limit.name())
                    .add(note)
                    .add(route.fallback())
                    .time(dispatched)
                    .time(signDeadline)
                    .time(replyDeadline)
                    .time(signedAt == 0 ? Long.MIN_VALUE : signedAt)
                    .time(repliedAt == 0 ? Long.MIN_VALUE : repliedAt)
                    .time(closedAt == 0 ? Long.MIN_VALUE : closedAt)
                    .add(reply)
                    .add(finalReply && repliedAt > 0)
                    .add(finalReply && repliedAt > 0 ? "head" : null)
                    .nullValue()
                    .add(extensions)
                    .time(urgedAt == 0 ? Long.MIN_VALUE : urgedAt)
                    .add(urgedAt == 0 ? null : "居民多次来电，请尽快办理。")
                    .time(warnedAt == 0 ? Long.MIN_VALUE : warnedAt)
                    .time(signOverdueAt == 0 ? Long.MIN_VALUE : signOverdueAt)
                    .time(overdueAt == 0 ? Long.MIN_VALUE : overdueAt)
                    .add(county);
            b.order.end();
            b.orderRequest.add(id).add(requestId);
            b.orderRequest.end();
            history(b, id, unit, steps);
            fact(
                    b,
                    id,
                    unit,
                    dispatched,
                    finalReply && repliedAt > 0 ? "FINAL_REPLY" : "",
                    response(signedAt, signDeadline, signedAt == 0),
                    signDeadline,
                    callbackAt,
                    resolution,
                    satisfaction == null ? 0 : callbackAt,
                    satisfaction);
            if (signedAt == 0 && signDeadline >= end) {
                timer(b, "SIGN_DEADLINE", id, signDeadline, signDeadline);
            }
            if (repliedAt == 0) {
                replyTimers(b, id, dispatched, replyDeadline);
            }
        }

        void replyTimers(Batch b, long id, long from, long deadline) {
            long warnAt = from + (long) ((deadline - from) * 0.8);
            if (warnAt >= now) {
                timer(b, "REPLY_WARNING", id, warnAt, deadline);
            }
            if (deadline >= now) {
                timer(b, "REPLY_DEADLINE", id, deadline, deadline);
            }
        }

        /** Sometimes the resident rates the reply on the tracking page too. */
        void rating(Batch b, long requestId, long repliedAt, @Nullable String resolution) {
            long at = repliedAt + HOUR + random.nextInt(72 * 3600);
            if (random.nextDouble() >= 0.08 || at >= now) {
                return;
            }
            boolean resolved = resolution == null ? random.nextDouble() < 0.75 : resolution.equals("counted");
            double s = random.nextDouble();
            b.rating
                    .add(requestId)
                    .add(resolved)
                    .add(
                            resolved
                                    ? (s < 0.75 ? "SATISFIED" : s < 0.95 ? "BASICALLY_SATISFIED" : "DISSATISFIED")
                                    : (s < 0.3 ? "BASICALLY_SATISFIED" : "DISSATISFIED"))
                    .add(resolved ? "处理及时，谢谢。" : "问题还没有解决。")
                    .time(at);
            b.rating.end();
        }

        /** The timers of an order handed on (its sign deadline while unsigned, its reply deadlines unless handed on). */
        private void openTimers(
                Batch b,
                long id,
                String state,
                String handedOn,
                long dispatched,
                long signDeadline,
                long replyDeadline) {
            if (state.equals("DISPATCHED") && signDeadline >= now) {
                timer(b, "SIGN_DEADLINE", id, signDeadline, signDeadline);
            }
            if (!state.equals(handedOn)) {
                replyTimers(b, id, dispatched, replyDeadline);
            }
        }

        /** Writes the steps in time order; a step with no states keeps the state the order had then. */
        void history(Batch b, long orderId, long unitId, List<Step> steps) {
            steps.sort((x, y) -> Long.compare(x.at(), y.at()));
            String state = null;
            for (Step s : steps) {
                String from = s.to() == null ? state : s.from();
                String to = s.to() == null ? state : s.to();
                b.history
                        .add(historyId++)
                        .add(orderId)
                        .time(s.at())
                        .add(s.actor())
                        .add(s.action())
                        .add(from)
                        .add(to)
                        .add(unitId)
                        .add(s.reason() == null ? "" : s.reason())
                        .add(county);
                b.history.end();
                state = to;
            }
        }

        String response(long signedAt, long signDeadline, boolean pendingState) {
            if (signedAt > 0 && signedAt <= signDeadline) {
                return "counted";
            }
            return signedAt == 0 && pendingState ? "pending" : "missed";
        }

        /** What the order adds to the three rates, as Rollups.FACTS computes it from the rows. */
        void fact(
                Batch b,
                long orderId,
                long unitId,
                long dispatched,
                String exclusion,
                String response,
                long signDeadline,
                long callbackAt,
                @Nullable String resolution,
                long ratingAt,
                @Nullable String satisfaction) {
            b.fact.add(orderId)
                    .add(unitId)
                    .date(month(dispatched))
                    .add(exclusion)
                    .add(response)
                    .time(signDeadline)
                    .date(callbackAt == 0 ? null : month(callbackAt))
                    .add(callbackAt == 0 ? null : resolution)
                    .date(ratingAt == 0 ? null : month(ratingAt))
                    .add(
                            satisfaction == null
                                    ? null
                                    : switch (satisfaction) {
                                        case "SATISFIED" -> "satisfied";
                                        case "BASICALLY_SATISFIED" -> "basic";
                                        default -> "dissatisfied";
                                    })
                    .date(day(dispatched))
                    .add(topCategory);
            b.fact.end();
        }

        void timer(Batch b, String kind, long orderId, long at, long deadline) {
            b.timer
                    .add("order-timer")
                    .add(kind + ":" + orderId + ":" + deadline * 1000)
                    .nullValue()
                    .time(at)
                    .add(false)
                    .nullValue()
                    .nullValue()
                    .nullValue()
                    .add(0)
                    .nullValue()
                    .add(1)
                    .add(0);
            b.timer.end();
        }

        /**
         * Places the request in a hot-issue cluster, as the platform would have on receipt: requests of the same
         * source text in the same county within one period join one cluster.
         */
        void cluster(
                Batch b,
                long requestId,
                int text,
                GeneratorTexts.Source source,
                Grid grid,
                long at,
                boolean urgent,
                double lat,
                double lon) {
            long p = Math.floorDiv(at - firstDay.atStartOfDay(zone).toEpochSecond(), CLUSTER_PERIOD);
            if (p != period) {
                closePeriod(b);
                period = p;
            }
            long key = (long) text * 1_000_003L + grid.countyId();
            Cluster c = live.get(key);
            if (c == null) {
                c = new Cluster(clusterId++, at);
                live.put(key, c);
                String title = source.title();
                b.cluster
                        .add(c.id)
                        .add(plan.hotGeneration)
                        .add(
                                title.codePointCount(0, title.length()) > 30
                                        ? title.substring(0, title.offsetByCodePoints(0, 29)) + "…"
                                        : title)
                        .add(grid.countyId())
                        .time(at)
                        .time(at)
                        .add(1)
                        .add(1)
                        .add(0)
                        .add(urgent ? 1 : 0)
                        .add(Heat.of(1, 1, 0, 1, 0, urgent ? 1 : 0))
                        .add(lat)
                        .add(lon)
                        .time(at);
                b.cluster.end();
            }
            c.add(at, urgent, lat, lon);
            b.member.add(plan.hotGeneration).add(requestId).add(c.id).add(seq++).time(at);
            b.member.end();
        }

        /** The clusters of the period just over get their final figures. */
        void closePeriod(Batch b) {
            for (Cluster c : live.values()) {
                if (c.size < 2) {
                    continue;
                }
                b.figures
                        .add(c.id)
                        .time(c.lastAt)
                        .add(c.size)
                        .add(c.urgent)
                        .add(c.heat())
                        .add(c.lat / c.size)
                        .add(c.lon / c.size);
                b.figures.end();
            }
            live.clear();
        }

        LocalDate day(long epochSecond) {
            return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
        }

        LocalDate month(long epochSecond) {
            return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone).withDayOfMonth(1);
        }

        String trackingCode(long at, long id) {
            StringBuilder code = new StringBuilder(26)
                    .append("JS")
                    .append(CODE_DATE.format(Instant.ofEpochSecond(at).atZone(zone)))
                    .append('-');
            // Twelve random symbols, then six that spell the id: codes never clash, not even with a second run.
            for (int i = 0; i < 12; i++) {
                if (i == 6) {
                    code.append('-');
                }
                code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            }
            code.append('-');
            char[] tail = new char[6];
            long rest = id;
            for (int i = 5; i >= 0; i--) {
                tail[i] = CODE_ALPHABET.charAt((int) (rest % CODE_ALPHABET.length()));
                rest /= CODE_ALPHABET.length();
            }
            return code.append(tail).toString();
        }

        int pick(double[] shares) {
            double r = random.nextDouble();
            for (int i = 0; i < shares.length - 1; i++) {
                r -= shares[i];
                if (r < 0) {
                    return i;
                }
            }
            return shares.length - 1;
        }

        int pickCumulative(double[] cumulative) {
            double r = random.nextDouble() * cumulative[cumulative.length - 1];
            int i = java.util.Arrays.binarySearch(cumulative, r);
            return i >= 0 ? i : Math.min(cumulative.length - 1, -i - 1);
        }
    }

    private static double[] cumulative(double[] weights) {
        double[] out = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            out[i] = sum;
        }
        return out;
    }

    /** Reply limits in seconds, working days taken as calendar days plus weekends: near the platform's calendar. */
    private static long limitSeconds(LimitClass limit) {
        return switch (limit) {
            case EMERGENCY -> 2 * HOUR;
            case UTILITY -> 24 * HOUR;
            case ORDINARY -> 9 * DAY;
            case COMPLEX -> 21 * DAY;
        };
    }
}
