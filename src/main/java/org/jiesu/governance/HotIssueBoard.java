package org.jiesu.governance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jiesu.platform.JiesuException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the hot-issue pages read: the current generation's live clusters, their weekly volumes and their requests. */
@Component
class HotIssueBoard {

    static final int WEEKS = 12;
    static final int MEMBER_CAP = 200;
    private static final long WEEK_SECONDS = Duration.ofDays(7).toSeconds();

    record Row(
            long id,
            String title,
            int size,
            int requesters,
            int urgent,
            double heat,
            Instant first,
            Instant last,
            @Nullable Double latitude,
            @Nullable Double longitude,
            @Nullable Long countyId,
            @Nullable Long mergedInto,
            int[] weeks) {

        Row withHeat(double now) {
            return new Row(
                    id,
                    title,
                    size,
                    requesters,
                    urgent,
                    now,
                    first,
                    last,
                    latitude,
                    longitude,
                    countyId,
                    mergedInto,
                    weeks);
        }

        /** The weekly counts as an SVG polyline in a 120 × 24 box, oldest week on the left. */
        public String spark() {
            int max = 1;
            for (int w : weeks) {
                max = Math.max(max, w);
            }
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < weeks.length; i++) {
                double x = weeks.length == 1 ? 0 : 120.0 * i / (weeks.length - 1);
                double y = 22 - 20.0 * weeks[i] / max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            return points.toString().strip();
        }

        public String weekCounts() {
            StringBuilder s = new StringBuilder();
            for (int w : weeks) {
                s.append(s.isEmpty() ? "" : ",").append(w);
            }
            return s.toString();
        }
    }

    record Member(long id, String trackingCode, Instant receivedAt, String text, boolean confidential, String status) {}

    record Members(List<Member> rows, int total) {}

    private static final String CLUSTER_COLUMNS = """
            c.id, c.title, c.size, c.requesters, c.urgent, c.heat, c.first_at, c.last_at, c.latitude, c.longitude,
            c.county_id, c.merged_into""";

    private static final String LIST = "select " + CLUSTER_COLUMNS + """
             from hot_cluster c
            where c.generation = (select generation from hot_state where id = 1) and c.merged_into is null
              and c.size >= :min and c.last_at >= :since
              and (cast(:county as bigint) is null or c.county_id = cast(:county as bigint))
            order by c.heat desc, c.size desc, c.id
            limit :limit""";

    private static final String ONE = "select " + CLUSTER_COLUMNS + " from hot_cluster c where c.id = :id";

    private final JdbcClient jdbc;
    private final Clock clock;

    HotIssueBoard(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Live clusters with at least {@code minSize} requests and one in the last {@code days}, hottest now first.
     *
     * <p>A cluster's stored heat was computed when its last request joined; its growth part only fades after that, so
     * the stored heat bounds today's from above. The list reads three times as many clusters as it shows by stored
     * heat, works out today's heat from their last two 30-day spans, and keeps the hottest.
     */
    List<Row> ranked(@Nullable Long county, int days, int minSize, int limit) {
        Instant now = clock.instant();
        List<Row> read = jdbc.sql(LIST)
                .param("min", minSize)
                .param("since", Timestamp.from(now.minus(Duration.ofDays(days))))
                .param("county", county)
                .param("limit", 3 * limit)
                .query((rs, n) -> row(rs, new int[WEEKS]))
                .list();
        if (read.isEmpty()) {
            return read;
        }
        Map<Long, int[]> spans = spans(read.stream().map(Row::id).toList(), now);
        List<Row> rows = read.stream()
                .map(r -> {
                    int[] span = spans.getOrDefault(r.id(), new int[2]);
                    return today(r, span);
                })
                .sorted(Comparator.comparingDouble(Row::heat)
                        .reversed()
                        .thenComparing(Row::size, Comparator.reverseOrder())
                        .thenComparing(Row::id))
                .limit(limit)
                .toList();
        Map<Long, int[]> weeks = new HashMap<>();
        rows.forEach(r -> weeks.put(r.id(), r.weeks()));
        jdbc.sql("""
                        select m.cluster_id, floor(extract(epoch from (:now - r.received_at)) / :week)::int, count(*)
                          from hot_member m join request r on r.id = m.request_id
                         where m.cluster_id = any(:ids) and r.received_at > :from and r.received_at <= :now
                         group by 1, 2""")
                .param("now", Timestamp.from(now))
                .param("week", WEEK_SECONDS)
                .param("ids", rows.stream().map(Row::id).toArray(Long[]::new))
                .param("from", Timestamp.from(now.minus(Duration.ofDays(7L * WEEKS))))
                .query((rs, n) -> {
                    int w = rs.getInt(2);
                    if (w >= 0 && w < WEEKS) {
                        weeks.get(rs.getLong(1))[WEEKS - 1 - w] = rs.getInt(3);
                    }
                    return null;
                })
                .list();
        return rows;
    }

    /** One cluster with its heat as of now, as the list ranks it. */
    Row withTodaysHeat(Row row) {
        return today(row, spans(List.of(row.id()), clock.instant()).getOrDefault(row.id(), new int[2]));
    }

    private static Row today(Row r, int[] span) {
        return r.withHeat(Heat.of(r.requesters(), r.size(), 0, span[0], span[1], r.urgent()));
    }

    /** Per cluster: its requests in the last 30 days, and in the 30 days before. */
    private Map<Long, int[]> spans(List<Long> ids, Instant now) {
        Map<Long, int[]> spans = new HashMap<>();
        jdbc.sql("""
                        select m.cluster_id,
                               count(*) filter (where r.received_at > cast(:now as timestamptz) - interval '30 days'),
                               count(*) filter (where r.received_at <= cast(:now as timestamptz) - interval '30 days')
                          from hot_member m join request r on r.id = m.request_id
                         where m.cluster_id = any(:ids)
                           and r.received_at > cast(:now as timestamptz) - interval '60 days'
                           and r.received_at <= cast(:now as timestamptz)
                         group by 1""")
                .param("now", Timestamp.from(now))
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> spans.put(rs.getLong(1), new int[] {rs.getInt(2), rs.getInt(3)}))
                .list();
        return spans;
    }

    Optional<Row> find(long id) {
        return jdbc.sql(ONE)
                .param("id", id)
                .query((rs, n) -> row(rs, new int[0]))
                .optional();
    }

    /** The cluster a merged one ended up in, following merged_into. */
    long survivor(long id) {
        long current = id;
        for (int hops = 0; hops < 100; hops++) {
            Optional<Row> r = find(current);
            if (r.isEmpty() || r.get().mergedInto() == null) {
                return current;
            }
            current = r.get().mergedInto();
        }
        throw JiesuException.conflict("Hot issue " + id + " points round in a circle of merges.");
    }

    /** Weekly counts of a cluster's requests from its first week to its last, at most two years. */
    Row withWeeks(Row r) {
        long span = Math.max(0, Duration.between(r.first(), r.last()).toSeconds()) / WEEK_SECONDS + 1;
        int n = (int) Math.min(104, span);
        int[] weeks = new int[n];
        Instant end = r.last();
        jdbc.sql("""
                        select floor(extract(epoch from (:end - r.received_at)) / :week)::int, count(*)
                          from hot_member m join request r on r.id = m.request_id
                         where m.cluster_id = :id
                         group by 1""")
                .param("end", Timestamp.from(end))
                .param("week", WEEK_SECONDS)
                .param("id", r.id())
                .query((rs, x) -> {
                    int w = rs.getInt(1);
                    if (w >= 0 && w < n) {
                        weeks[n - 1 - w] += rs.getInt(2);
                    }
                    return null;
                })
                .list();
        return new Row(
                r.id(),
                r.title(),
                r.size(),
                r.requesters(),
                r.urgent(),
                r.heat(),
                r.first(),
                r.last(),
                r.latitude(),
                r.longitude(),
                r.countyId(),
                r.mergedInto(),
                weeks);
    }

    /** The week labels (their first day) that go with {@link #withWeeks}. */
    static List<String> weekLabels(Row r, java.time.ZoneId zone) {
        List<String> labels = new ArrayList<>();
        int n = r.weeks().length;
        for (int i = 0; i < n; i++) {
            Instant start = r.last().minus(Duration.ofDays(7L * (n - i)));
            labels.add(start.plus(Duration.ofDays(1)).atZone(zone).toLocalDate().toString());
        }
        return labels;
    }

    Members members(long clusterId) {
        int total = jdbc.sql("select count(*) from hot_member where cluster_id = :id")
                .param("id", clusterId)
                .query(Integer.class)
                .single();
        List<Member> rows = jdbc.sql("""
                        select r.id, r.tracking_code, r.received_at, r.text, r.confidential, r.status
                          from hot_member m join request r on r.id = m.request_id
                         where m.cluster_id = :id
                         order by r.received_at desc, r.id desc
                         limit :cap""")
                .param("id", clusterId)
                .param("cap", MEMBER_CAP)
                .query((rs, n) -> new Member(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getBoolean(5) ? "" : rs.getString(4),
                        rs.getBoolean(5),
                        rs.getString(6)))
                .list();
        return new Members(rows, total);
    }

    private static Row row(java.sql.ResultSet rs, int[] weeks) throws java.sql.SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getInt("size"),
                rs.getInt("requesters"),
                rs.getInt("urgent"),
                rs.getDouble("heat"),
                rs.getTimestamp("first_at").toInstant(),
                rs.getTimestamp("last_at").toInstant(),
                (Double) rs.getObject("latitude"),
                (Double) rs.getObject("longitude"),
                (Long) rs.getObject("county_id"),
                (Long) rs.getObject("merged_into"),
                weeks);
    }
}
