package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jiesu.JourneySupport;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.Unit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dashboard's map shows the newest requests of the period with a place, one point each, at most {@link
 * Rates#MAX_POINTS}, each with its newest order in the scope and period: orders in other units, or after the period,
 * neither add points nor hide one. The orders live in a year of their own, ahead of every other test's.
 */
class MapPointsTest extends JourneySupport {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int YEAR = 2097;
    private static final int REQUESTS = 1200;

    @Autowired
    Rates rates;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PlatformTransactionManager transactions;

    record Made(long orderId, long requestId, Instant dispatched, boolean located, boolean inScope) {}

    @Test
    void theMapShowsTheNewestRequestsOfThePeriodOnePointEach() {
        Unit county = units.findByCode("652301").orElseThrow();
        Set<Long> inCounty = units.subtree(county.id());
        List<Unit> leaves = units.units().stream()
                .filter(u -> units.children(u.id()).isEmpty())
                .toList();
        List<Unit> inside =
                leaves.stream().filter(u -> inCounty.contains(u.id())).limit(2).toList();
        Unit outside = leaves.stream()
                .filter(u -> !inCounty.contains(u.id()))
                .findFirst()
                .orElseThrow();
        assertThat(inside).hasSize(2);
        Scope scope = rates.scope(
                accounts.all().stream()
                        .filter(a -> a.username().equals("supervisor"))
                        .findFirst()
                        .orElseThrow(),
                county.id());
        Period period = new Period(YearMonth.of(YEAR, 1), YearMonth.of(YEAR, 3));
        Instant base = LocalDate.of(YEAR, 3, 1).atStartOfDay(ZONE).toInstant();
        Instant after = LocalDate.of(YEAR, 4, 2).atStartOfDay(ZONE).toInstant();

        List<Made> made = new ArrayList<>();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            for (int i = 0; i < REQUESTS; i++) {
                boolean located = i % 10 != 7;
                long request = request(i, located);
                Instant lead = base.plus(Duration.ofMinutes(i));
                made.add(new Made(order(request, inside.get(0), "LEAD", lead), request, lead, located, true));
                if (i % 3 == 0) {
                    // Newer than the next two requests' lead orders: the request's point is this order.
                    Instant support = lead.plusSeconds(150);
                    made.add(new Made(
                            order(request, inside.get(1), "SUPPORT", support), request, support, located, true));
                }
                if (i % 50 == 0) {
                    Instant elsewhere = lead.plusSeconds(30);
                    made.add(new Made(
                            order(request, outside, "SUPPORT", elsewhere), request, elsewhere, located, false));
                }
                if (i % 40 == 0) {
                    made.add(new Made(order(request, inside.get(1), "SUPPORT", after), request, after, located, true));
                }
            }
        });

        // What the map should show, from what the test made: each request's newest order in scope and period.
        Map<Long, Made> newest = new HashMap<>();
        Comparator<Made> byTime = Comparator.comparing(Made::dispatched).thenComparing(Made::orderId);
        for (Made m : made) {
            if (m.located() && m.inScope() && m.dispatched().isBefore(period.end(ZONE))) {
                newest.merge(m.requestId(), m, (a, b) -> byTime.compare(a, b) >= 0 ? a : b);
            }
        }
        List<Long> expected = newest.values().stream()
                .sorted(byTime.reversed())
                .limit(Rates.MAX_POINTS)
                .map(Made::orderId)
                .toList();
        assertThat(newest).hasSizeGreaterThan(Rates.MAX_POINTS);

        List<MapPoint> points = rates.points(scope, period);
        assertThat(points).hasSize(Rates.MAX_POINTS);
        assertThat(points.stream().map(MapPoint::orderId).toList()).isEqualTo(expected);
        Map<Long, Long> requestOf = new HashMap<>();
        made.forEach(m -> requestOf.put(m.orderId(), m.requestId()));
        Set<Long> requests = new HashSet<>();
        points.forEach(p -> assertThat(requests.add(requestOf.get(p.orderId())))
                .as("one point per request")
                .isTrue());

        assertThat(rates.points(scope, period, 5).stream()
                        .map(MapPoint::orderId)
                        .toList())
                .isEqualTo(expected.subList(0, 5));
    }

    /** A dispatched request, received long ago so that it heads no list of newest requests elsewhere. */
    private long request(int i, boolean located) {
        return jdbc.sql("""
                        insert into request (tracking_code, channel, type, text, category_code, urgency, latitude,
                                             longitude, status, received_at, received_by)
                        values (?, 'WEB', 'HELP', '地图测试用的诉求', 'ENV_WASTE', 'NORMAL', ?, ?, 'DISPATCHED',
                                '2001-01-01T00:00:00Z', 'test') returning id""")
                .params(
                        "MAP-" + YEAR + "-" + i + "-" + System.nanoTime(),
                        located ? 44.0 + i / 100_000.0 : null,
                        located ? 87.3 : null)
                .query(Long.class)
                .single();
    }

    private long order(long request, Unit unit, String role, Instant dispatched) {
        return jdbc.sql("""
                        insert into work_order (request_id, unit_id, role, state, limit_class, dispatched_at,
                                                sign_deadline, reply_deadline)
                        values (?, ?, ?, 'DISPATCHED', 'ORDINARY', ?, ?, ?) returning id""")
                .params(
                        request,
                        unit.id(),
                        role,
                        Timestamp.from(dispatched),
                        Timestamp.from(dispatched.plus(Duration.ofHours(2))),
                        Timestamp.from(dispatched.plus(Duration.ofDays(7))))
                .query(Long.class)
                .single();
    }
}
