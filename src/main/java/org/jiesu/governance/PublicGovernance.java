package org.jiesu.governance;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.units.Category;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hot issues and monthly themes as the public may see them, with no sign-in: numbers, categories, counties and the
 * themes' own titles, never a request's text or place. A cluster's title is the first clause of a resident's words and
 * may carry a name or a door number even when the request was not confidential, so it stays on the staff pages; the
 * public reads the matter's top-level category instead, taken only from members that are not confidential.
 */
@Service
@Transactional(readOnly = true)
public class PublicGovernance {

    /** How far back a hot issue's last request may lie, and how many requests it needs, to be shown. */
    public static final int DAYS = 90;

    public static final int MIN_SIZE = 3;

    /**
     * One hot issue.
     *
     * @param category the top-level category most of its non-confidential requests carry; null when none has one
     * @param county the county most of its requests lie in; null when none lies in one
     * @param weeks requests in each of the last twelve weeks, oldest first
     */
    public record HotIssue(
            @Nullable String category, @Nullable String county, int requests, double heat, List<Integer> weeks) {}

    /** One monthly theme and how far its tasks have come. */
    public record Theme(YearMonth month, String title, String lead, boolean open, int tasks, int done) {

        /** Tasks done in percent, rounded down; 0 without tasks. */
        public int percent() {
            return tasks == 0 ? 0 : done * 100 / tasks;
        }
    }

    private static final String TOP_CATEGORIES = """
            select distinct on (m.cluster_id) m.cluster_id, coalesce(c.parent_code, c.code) as top
              from hot_member m
                   join request r on r.id = m.request_id
                   join category c on c.code = r.category_code
             where m.cluster_id = any(:ids) and not r.confidential
             group by m.cluster_id, coalesce(c.parent_code, c.code)
             order by m.cluster_id, count(*) desc, 2""";

    private static final String THEMES = """
            select t.month, t.title, t.lead_unit_id, t.status,
                   (select count(*) from theme_task k where k.theme_id = t.id) as tasks,
                   (select count(*) from theme_task k where k.theme_id = t.id and k.done_at is not null) as done
              from theme t
             where t.month >= :from and t.month <= :to
             order by t.month desc, t.id desc""";

    private final HotIssueBoard board;
    private final JdbcClient jdbc;
    private final UnitDirectory units;

    PublicGovernance(HotIssueBoard board, JdbcClient jdbc, UnitDirectory units) {
        this.board = board;
        this.jdbc = jdbc;
        this.units = units;
    }

    /**
     * The hottest live hot issues now, at most {@code limit}. A cluster made only of confidential requests has no
     * title (see {@link HotIssues}) and is left out altogether: its county and count would speak for those requests
     * alone.
     */
    public List<HotIssue> hotIssues(int limit) {
        // Read more than shown, so that clusters left out do not leave the list short.
        List<HotIssueBoard.Row> rows = board.ranked(null, DAYS, MIN_SIZE, 3 * limit).stream()
                .filter(r -> r.title() != null && !r.title().isBlank())
                .limit(limit)
                .toList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, String> top = new HashMap<>();
        jdbc.sql(TOP_CATEGORIES)
                .param("ids", rows.stream().map(HotIssueBoard.Row::id).toArray(Long[]::new))
                .query(rs -> {
                    top.put(rs.getLong("cluster_id"), rs.getString("top"));
                });
        List<HotIssue> issues = new ArrayList<>();
        for (HotIssueBoard.Row r : rows) {
            String code = top.get(r.id());
            String category = code == null
                    ? null
                    : units.findCategory(code).map(Category::name).orElse(null);
            String county = r.countyId() == null
                    ? null
                    : units.find(r.countyId()).map(Unit::name).orElse(null);
            List<Integer> weeks = new ArrayList<>();
            for (int w : r.weeks()) {
                weeks.add(w);
            }
            issues.add(new HotIssue(category, county, r.size(), r.heat(), List.copyOf(weeks)));
        }
        return issues;
    }

    /** The monthly themes of the months from {@code from} through {@code to}, newest first. */
    public List<Theme> themes(YearMonth from, YearMonth to) {
        return jdbc.sql(THEMES)
                .param("from", java.sql.Date.valueOf(from.atDay(1)))
                .param("to", java.sql.Date.valueOf(to.atDay(1)))
                .query((rs, n) -> new Theme(
                        YearMonth.from(rs.getDate("month").toLocalDate()),
                        rs.getString("title"),
                        units.find(rs.getLong("lead_unit_id")).map(Unit::name).orElse(""),
                        Themes.Status.valueOf(rs.getString("status")) == Themes.Status.OPEN,
                        rs.getInt("tasks"),
                        rs.getInt("done")))
                .list();
    }
}
