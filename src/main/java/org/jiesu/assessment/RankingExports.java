package org.jiesu.assessment;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jiesu.assessment.ExportTable.Column;
import org.jiesu.assessment.ExportTable.Format;
import org.jiesu.platform.LagTolerant;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rankings and the rate table as CSV and XLSX files, with the rankings page's parameters. A REST controller so
 * that a bad period or unit is refused as {@code application/problem+json}, never as an empty file.
 */
@RestController
class RankingExports {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final Rates rates;
    private final RankingBoard board;
    private final Actors actors;
    private final MessageSource messages;

    RankingExports(Rates rates, RankingBoard board, Actors actors, MessageSource messages) {
        this.rates = rates;
        this.board = board;
        this.actors = actors;
        this.messages = messages;
    }

    /**
     * The rankings or the rate table, as XLSX or CSV: one handler, so the four files read their input alike. The
     * paths are literal, so that Spring knows their extensions and sends errors without a download header.
     */
    @LagTolerant
    @GetMapping({
        "/assessment/rankings.xlsx",
        "/assessment/rankings.csv",
        "/assessment/rates.xlsx",
        "/assessment/rates.csv"
    })
    ResponseEntity<byte[]> export(
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String at,
            @RequestParam(required = false) @Nullable String unit,
            HttpServletRequest request) {
        Request r = read(period, at, unit);
        String path = request.getRequestURI();
        boolean rankings = path.contains("/assessment/rankings.");
        String table = rankings ? "rankings" : "rates";
        ExportTable rows = rankings ? rankingTable(r.scope, r.period) : rateTable(r.scope, r.period);
        return path.endsWith(".xlsx")
                ? file(rows.xlsx(text(rankings ? "rankings.title" : "rankings.rates")), XLSX, table, r, "xlsx")
                : file(rows.csv(), CSV, table, r, "csv");
    }

    private record Request(Scope scope, RankingPeriod period) {}

    private Request read(@Nullable String period, @Nullable String at, @Nullable String unit) {
        Actor actor = actors.current();
        RankingPeriod p = RankingPeriod.read(period, at, rates.thisMonth());
        DashboardQuery q = DashboardQuery.read(rates, actor, DashboardQuery.THIS_MONTH, null, null, unit);
        q.requireValid();
        return new Request(q.scope, p);
    }

    /** One row per ranked unit, peer group by peer group; headers only when nothing was counted in the period. */
    ExportTable rankingTable(Scope scope, RankingPeriod period) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column(text("rankings.col.group"), Format.TEXT),
                new Column(text("dashboard.col.rank"), Format.COUNT),
                new Column(text("rankings.col.code"), Format.TEXT),
                new Column(text("rankings.col.unit"), Format.TEXT)));
        columns.addAll(rateColumns());
        ExportTable table = new ExportTable(columns);
        List<Ranking> rankings = board.rankings(scope, period);
        if (!RankingBoard.hasData(rankings)) {
            return table;
        }
        for (Ranking ranking : rankings) {
            for (Ranking.Row row : ranking.rows()) {
                List<@Nullable Object> cells = new ArrayList<>(Arrays.asList(
                        text("dashboard.kind." + ranking.kind()),
                        row.rank() == 0 ? null : (Object) (long) row.rank(),
                        board.code(row.unitId()),
                        row.unitName()));
                cells.addAll(rateCells(row.response(), row.resolution(), row.satisfaction(), row.score()));
                table.add(cells);
            }
        }
        return table;
    }

    /** The scope's unit and every ranked unit, each over its own subtree; headers only when nothing was counted. */
    ExportTable rateTable(Scope scope, RankingPeriod period) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column(text("rankings.col.code"), Format.TEXT),
                new Column(text("rankings.col.unit"), Format.TEXT),
                new Column(text("rankings.col.kind"), Format.TEXT)));
        columns.addAll(rateColumns());
        ExportTable table = new ExportTable(columns);
        List<RankingBoard.RateRow> rows = board.rateTable(scope, board.rankings(scope, period), period);
        if (!RankingBoard.rateTableHasData(rows)) {
            return table;
        }
        for (RankingBoard.RateRow row : rows) {
            List<@Nullable Object> cells = new ArrayList<>(Arrays.asList(
                    row.unit().code(), row.unit().name(), kindName(row.unit().kind())));
            UnitRates u = row.rates();
            cells.addAll(rateCells(u.response(), u.resolution(), u.satisfaction(), u.score()));
            table.add(cells);
        }
        return table;
    }

    private List<Column> rateColumns() {
        List<Column> columns = new ArrayList<>();
        for (Metric m : List.of(Metric.RESPONSE, Metric.RESOLUTION, Metric.SATISFACTION)) {
            String name = text("dashboard.metric." + m.key());
            columns.add(new Column(text("rankings.col.rate", name), Format.RATE));
            columns.add(new Column(
                    text("rankings.col.numerator", name), m == Metric.SATISFACTION ? Format.DECIMAL : Format.COUNT));
            columns.add(new Column(text("rankings.col.denominator", name), Format.COUNT));
        }
        columns.add(new Column(text("dashboard.col.score"), Format.DECIMAL));
        return columns;
    }

    private static List<@Nullable Object> rateCells(
            Rate response, Rate resolution, Rate satisfaction, @Nullable Double score) {
        List<@Nullable Object> cells = new ArrayList<>();
        for (Rate rate : List.of(response, resolution, satisfaction)) {
            cells.add(rate.value());
            // A basically satisfied resident weighs less than one: only that numerator has decimals.
            cells.add(
                    rate.metric() == Metric.SATISFACTION
                            ? (Object) rate.numerator()
                            : (Object) Math.round(rate.numerator()));
            cells.add(rate.denominator());
        }
        cells.add(score);
        return cells;
    }

    /** The kind's name as the dashboard writes it; the scope's own unit may be of a kind no ranking has. */
    private String kindName(org.jiesu.units.UnitKind kind) {
        java.util.Locale locale = LocaleContextHolder.getLocale();
        String own = messages.getMessage("rankings.unitKind." + kind, null, kind.name(), locale);
        return messages.getMessage("dashboard.kind." + kind, null, own, locale);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    private ResponseEntity<byte[]> file(byte[] body, MediaType type, String what, Request r, String extension) {
        String ascii =
                "jiesu-" + what + "-" + r.period.at() + "-" + r.scope.root().code() + "." + extension;
        String name =
                text("rankings.file." + what) + "-" + r.scope.root().name() + "-" + r.period.at() + "." + extension;
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + ascii.replaceAll("[^A-Za-z0-9._-]", "_") + "\"; filename*=UTF-8''"
                                + rfc5987(name))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    /** Percent-encodes all but RFC 5987's attr-chars, byte by byte of the UTF-8 form. */
    static String rfc5987(String value) {
        StringBuilder b = new StringBuilder();
        for (byte raw : value.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }
}
