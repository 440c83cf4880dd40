package org.jiesu.community;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jiesu.assessment.Period;
import org.jiesu.assessment.Rates;
import org.jiesu.assessment.UnitRates;
import org.jiesu.governance.PublicGovernance;
import org.jiesu.intake.Channel;
import org.jiesu.intake.Intake;
import org.jiesu.intake.RequestType;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The figures of the public transparency page for one month, gathered from the facades that own them: request counts
 * from intake, the three rates from assessment's rollups, hot issues and themes from governance. Only numbers and
 * names of units, categories and themes leave here; nothing that tells of a person or of one request.
 */
@Service
class TransparencyBoard {

    /** How many months the volume trend shows, the chosen one last. */
    static final int TREND_MONTHS = 12;

    static final int HOT_ISSUES = 10;

    /** The chosen month and the months before it whose themes are shown. */
    static final int THEME_MONTHS = 3;

    /** The earliest month the page answers for; before it there is nothing and dates grow odd. */
    static final YearMonth EARLIEST = YearMonth.of(2000, 1);

    /** A count this month and this year so far, for one channel or one type. */
    record Count(String key, long month, long year) {}

    record Point(YearMonth month, long count) {}

    /** One area's three rates and composite, over its own subtree, in the month. */
    record AreaRates(
            String name,
            @Nullable Double response,
            @Nullable Double resolution,
            @Nullable Double satisfaction,
            @Nullable Double score,
            long orders) {

        static AreaRates of(String name, UnitRates r) {
            return new AreaRates(
                    name,
                    r.response().percent(),
                    r.resolution().percent(),
                    r.satisfaction().percent(),
                    r.score(),
                    r.response().denominator());
        }
    }

    record County(AreaRates rates, List<AreaRates> streets) {}

    record Report(
            YearMonth month,
            long monthTotal,
            long yearTotal,
            List<Count> byChannel,
            List<Count> byType,
            List<Point> trend,
            @Nullable AreaRates prefecture,
            List<County> counties,
            List<PublicGovernance.HotIssue> hotIssues,
            List<PublicGovernance.Theme> themes) {

        /** The year as written, since a number would be shown with a thousands separator. */
        public String year() {
            return String.valueOf(month.getYear());
        }

        public String trendMonths() {
            return String.join(
                    ",", trend.stream().map(p -> p.month().toString()).toList());
        }

        public String trendCounts() {
            return String.join(
                    ",", trend.stream().map(p -> String.valueOf(p.count())).toList());
        }
    }

    private final Intake intake;
    private final Rates rates;
    private final UnitDirectory units;
    private final PublicGovernance governance;
    private final ZoneId zone;

    TransparencyBoard(
            Intake intake,
            Rates rates,
            UnitDirectory units,
            PublicGovernance governance,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.intake = intake;
        this.rates = rates;
        this.units = units;
        this.governance = governance;
        this.zone = zone;
    }

    YearMonth thisMonth() {
        return rates.thisMonth();
    }

    Report report(YearMonth month) {
        YearMonth trendStart = month.minusMonths(TREND_MONTHS - 1L);
        YearMonth january = YearMonth.of(month.getYear(), 1);
        YearMonth from = trendStart.isBefore(january) ? trendStart : january;
        List<Intake.MonthlyCount> counts = intake.countsByMonth(
                new Period(from, from).start(zone), Period.month(month).end(zone));

        Map<Channel, long[]> channels = new EnumMap<>(Channel.class);
        Map<RequestType, long[]> types = new EnumMap<>(RequestType.class);
        for (Channel c : Channel.values()) {
            channels.put(c, new long[2]);
        }
        for (RequestType t : RequestType.values()) {
            types.put(t, new long[2]);
        }
        Map<YearMonth, Long> byMonth = new LinkedHashMap<>();
        for (YearMonth m = trendStart; !m.isAfter(month); m = m.plusMonths(1)) {
            byMonth.put(m, 0L);
        }
        long monthTotal = 0;
        long yearTotal = 0;
        for (Intake.MonthlyCount c : counts) {
            byMonth.computeIfPresent(c.month(), (m, n) -> n + c.count());
            if (c.month().equals(month)) {
                monthTotal += c.count();
                channels.get(c.channel())[0] += c.count();
                types.get(c.type())[0] += c.count();
            }
            if (c.month().getYear() == month.getYear() && !c.month().isAfter(month)) {
                yearTotal += c.count();
                channels.get(c.channel())[1] += c.count();
                types.get(c.type())[1] += c.count();
            }
        }
        List<Count> byChannel = new ArrayList<>();
        channels.forEach((c, n) -> byChannel.add(new Count(c.name(), n[0], n[1])));
        List<Count> byType = new ArrayList<>();
        types.forEach((t, n) -> byType.add(new Count(t.name(), n[0], n[1])));
        List<Point> trend = new ArrayList<>();
        byMonth.forEach((m, n) -> trend.add(new Point(m, n)));

        return new Report(
                month,
                monthTotal,
                yearTotal,
                byChannel,
                byType,
                trend,
                prefecture(month),
                counties(month),
                governance.hotIssues(HOT_ISSUES),
                governance.themes(month.minusMonths(THEME_MONTHS - 1L), month));
    }

    private @Nullable AreaRates prefecture(YearMonth month) {
        Optional<Unit> root = units.units().stream()
                .filter(u -> u.kind() == UnitKind.PREFECTURE)
                .findFirst();
        if (root.isEmpty()) {
            return null;
        }
        UnitRates r = rates.unitRates(List.of(root.get().id()), Period.month(month))
                .get(root.get().id());
        return AreaRates.of(root.get().name(), r);
    }

    /** Counties in code order, each with its streets and townships in code order. */
    private List<County> counties(YearMonth month) {
        List<Unit> all =
                units.units().stream().sorted(Comparator.comparing(Unit::code)).toList();
        List<Unit> counties =
                all.stream().filter(u -> u.kind() == UnitKind.COUNTY).toList();
        Map<Long, List<Unit>> streets = new LinkedHashMap<>();
        for (Unit c : counties) {
            streets.put(
                    c.id(),
                    all.stream()
                            .filter(u -> u.kind().level() == UnitKind.Level.STREET)
                            .filter(u -> u.parentId() != null && u.parentId() == c.id())
                            .toList());
        }
        List<Long> ids = new ArrayList<>();
        counties.forEach(c -> ids.add(c.id()));
        streets.values().forEach(list -> list.forEach(s -> ids.add(s.id())));
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, UnitRates> rated = rates.unitRates(ids, Period.month(month));
        List<County> result = new ArrayList<>();
        for (Unit c : counties) {
            List<AreaRates> rows = streets.get(c.id()).stream()
                    .map(s -> AreaRates.of(s.name(), rated.get(s.id())))
                    .toList();
            result.add(new County(AreaRates.of(c.name(), rated.get(c.id())), rows));
        }
        return result;
    }
}
