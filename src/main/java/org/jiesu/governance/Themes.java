package org.jiesu.governance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jiesu.audit.AuditLog;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monthly themes (每月一题): a supervisor picks clusters of requests about one matter, names a lead unit and
 * supporting units, sets tasks with deadlines and closes the theme with a summary once every task is done. A theme
 * keeps the cluster ids it was made from; reading follows {@code hot_cluster.merged_into} to the cluster that
 * survives, so a theme keeps counting a matter after the engine joins its cluster to another.
 *
 * <p>The effect is measured on request volume: requests in the theme's clusters in the weeks after the theme was
 * created against as many weeks before, full weeks only and at most {@value #EFFECT_WEEKS}. Every change is audited
 * in the transaction that makes it; bad input changes nothing.
 */
@Service
@Transactional(readOnly = true)
class Themes {

    static final int EFFECT_WEEKS = 8;
    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 4000;
    static final int MAX_NOTE = 2000;
    /** How many live clusters the picker offers, hottest first. */
    static final int PICKABLE = 200;

    private static final Role[] SUPERVISORS = {Role.SUPERVISOR, Role.ADMIN};
    private static final Duration WEEK = Duration.ofDays(7);

    /** From each picked cluster along {@code merged_into} to the cluster that absorbed it last; cycle-safe by union. */
    private static final String CHAIN = """
            with recursive chain (picked, id, merged_into) as (
                select c.id, c.id, c.merged_into from hot_cluster c where c.id = any(:ids)
                union
                select chain.picked, c.id, c.merged_into from chain join hot_cluster c on c.id = chain.merged_into
            )
            """;

    private static final String MARK_DONE =
            "update theme_task set done_at = :at, done_by = :by where id = :id and done_at is null";
    private static final String MARK_NOT_DONE =
            "update theme_task set done_at = null, done_by = null where id = :id and done_at is not null";

    private static final String THEME_COLUMNS = """
            t.id, t.month, t.title, t.lead_unit_id, t.description, t.status, t.summary, t.created_at, t.created_by,
            t.closed_at, t.closed_by,
            (select count(*) from theme_task k where k.theme_id = t.id) as tasks,
            (select count(*) from theme_task k where k.theme_id = t.id and k.done_at is not null) as done""";

    enum Status {
        OPEN,
        CLOSED
    }

    /** A theme as listed, with its tasks counted. */
    record Theme(
            long id,
            YearMonth month,
            String title,
            Unit lead,
            String description,
            Status status,
            @Nullable String summary,
            Instant createdAt,
            String createdBy,
            @Nullable Instant closedAt,
            @Nullable String closedBy,
            int tasks,
            int done) {

        public boolean open() {
            return status == Status.OPEN;
        }

        /** Tasks done in percent, rounded down; 0 without tasks. */
        public int percent() {
            return tasks == 0 ? 0 : done * 100 / tasks;
        }
    }

    record Task(
            long id,
            String title,
            Unit unit,
            LocalDate dueOn,
            String note,
            @Nullable Instant doneAt,
            @Nullable String doneBy) {

        public boolean done() {
            return doneAt != null;
        }
    }

    /** A cluster as it stands now, and the ids the theme picked that lead to it (itself, or clusters it absorbed). */
    record Cluster(
            long id,
            String title,
            @Nullable String county,
            int size,
            double heat,
            Instant lastAt,
            boolean live,
            List<Long> pickedAs) {

        /** Whether the theme picked a cluster that has since joined this one. */
        public boolean merged() {
            return pickedAs.stream().anyMatch(p -> p != id);
        }
    }

    /** One week's requests in the theme's clusters; {@code index} counts from the theme's start, negative before. */
    record Week(int index, LocalDate from, long count) {

        public boolean after() {
            return index >= 0;
        }
    }

    /**
     * Requests in the theme's clusters in {@code weeks} full weeks after its start and as many before it. With no full
     * week yet, both are 0 and {@link #measurable()} says so; the chart still shows the weeks before.
     */
    record Effect(Instant start, int weeks, long before, long after, List<Week> series) {

        public boolean measurable() {
            return weeks > 0;
        }

        /** The change from before to after in percent, or null when there was nothing before to compare with. */
        public @Nullable Integer change() {
            if (!measurable() || before == 0) {
                return null;
            }
            return (int) Math.round((after - before) * 100.0 / before);
        }
    }

    record Detail(Theme theme, List<Cluster> clusters, List<Unit> supporting, List<Task> tasks, Effect effect) {}

    /** A theme as typed into the form, every field as text. */
    record Draft(
            String month,
            String title,
            String leadUnit,
            String description,
            List<String> clusters,
            List<String> supporting) {}

    /** A task as typed into the form. */
    record TaskDraft(String title, String unit, String dueOn, String note) {

        static TaskDraft empty() {
            return new TaskDraft("", "", "", "");
        }
    }

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Actors actors;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;

    Themes(
            JdbcClient jdbc,
            UnitDirectory units,
            Actors actors,
            AuditLog audit,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.units = units;
        this.actors = actors;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    YearMonth thisMonth() {
        return YearMonth.from(clock.instant().atZone(zone));
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Every theme, newest month first, with its effect. */
    Map<Theme, Effect> all() {
        requireSupervisor();
        List<Theme> themes = jdbc.sql("select " + THEME_COLUMNS + " from theme t order by t.month desc, t.id desc")
                .query((rs, n) -> theme(rs))
                .list();
        Map<Theme, Effect> out = new LinkedHashMap<>();
        for (Theme t : themes) {
            out.put(t, effect(t.id(), t.createdAt()));
        }
        return out;
    }

    Theme theme(long id) {
        requireSupervisor();
        return find(id).orElseThrow(() -> JiesuException.notFound("There is no monthly theme " + id + "."));
    }

    private Optional<Theme> find(long id) {
        return jdbc.sql("select " + THEME_COLUMNS + " from theme t where t.id = :id")
                .param("id", id)
                .query((rs, n) -> theme(rs))
                .optional();
    }

    Detail detail(long id) {
        Theme theme = theme(id);
        List<Unit> supporting = jdbc
                .sql("select unit_id from theme_supporting_unit where theme_id = :id")
                .param("id", id)
                .query(Long.class)
                .list()
                .stream()
                .map(units::unit)
                .sorted(Comparator.comparing(Unit::code))
                .toList();
        List<Task> tasks = jdbc.sql("""
                        select id, title, unit_id, due_on, note, done_at, done_by from theme_task
                        where theme_id = :id order by due_on, id""")
                .param("id", id)
                .query((rs, n) -> new Task(
                        rs.getLong("id"),
                        rs.getString("title"),
                        units.unit(rs.getLong("unit_id")),
                        rs.getDate("due_on").toLocalDate(),
                        rs.getString("note"),
                        instant(rs.getTimestamp("done_at")),
                        rs.getString("done_by")))
                .list();
        return new Detail(theme, clusters(picked(id)), supporting, tasks, effect(id, theme.createdAt()));
    }

    private List<Long> picked(long themeId) {
        return jdbc.sql("select cluster_id from theme_cluster where theme_id = :id order by cluster_id")
                .param("id", themeId)
                .query(Long.class)
                .list();
    }

    /** The clusters that the picked ids lead to now, following merges, hottest first. */
    List<Cluster> clusters(List<Long> picked) {
        if (picked.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> pickedAs = new LinkedHashMap<>();
        jdbc.sql(CHAIN + "select picked, id from chain where merged_into is null order by picked")
                .param("ids", picked.toArray(Long[]::new))
                .query(rs -> {
                    pickedAs.computeIfAbsent(rs.getLong("id"), k -> new ArrayList<>())
                            .add(rs.getLong("picked"));
                });
        if (pickedAs.isEmpty()) {
            return List.of();
        }
        int generation = generation();
        return jdbc.sql("""
                        select c.id, c.title, u.name as county, c.size, c.heat, c.last_at, c.generation
                          from hot_cluster c left join unit u on u.id = c.county_id
                         where c.id = any(:ids) order by c.heat desc, c.id""")
                .param("ids", pickedAs.keySet().toArray(Long[]::new))
                .query((rs, n) -> new Cluster(
                        rs.getLong("id"),
                        rs.getString("title"),
                        rs.getString("county"),
                        rs.getInt("size"),
                        rs.getDouble("heat"),
                        rs.getTimestamp("last_at").toInstant(),
                        rs.getInt("generation") == generation,
                        List.copyOf(pickedAs.get(rs.getLong("id")))))
                .list();
    }

    /**
     * The live clusters of the current generation to pick from, hottest first; a cluster asked for by id that is not
     * among them (merged since, or beyond the first {@value #PICKABLE}) is put first, as the cluster it became.
     */
    List<Cluster> pickable(List<Long> wanted) {
        requireSupervisor();
        List<Cluster> live = new ArrayList<>(jdbc.sql("""
                        select c.id, c.title, u.name as county, c.size, c.heat, c.last_at
                          from hot_cluster c left join unit u on u.id = c.county_id
                         where c.merged_into is null
                           and c.generation = (select generation from hot_state where id = 1)
                         order by c.heat desc, c.id limit :limit""")
                .param("limit", PICKABLE)
                .query((rs, n) -> new Cluster(
                        rs.getLong("id"),
                        rs.getString("title"),
                        rs.getString("county"),
                        rs.getInt("size"),
                        rs.getDouble("heat"),
                        rs.getTimestamp("last_at").toInstant(),
                        true,
                        List.of(rs.getLong("id"))))
                .list());
        Set<Long> listed = new LinkedHashSet<>();
        live.forEach(c -> listed.add(c.id()));
        List<Cluster> extra =
                clusters(wanted).stream().filter(c -> !listed.contains(c.id())).toList();
        live.addAll(0, extra);
        return live;
    }

    /** The ids the picked ids lead to now, to preselect in the picker. */
    Set<Long> survivors(List<Long> picked) {
        Set<Long> out = new LinkedHashSet<>();
        clusters(picked).forEach(c -> out.add(c.id()));
        return out;
    }

    private int generation() {
        return jdbc.sql("select generation from hot_state where id = 1")
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** Units a theme or a task may name: those in the actor's scope, grids excepted, by code. */
    List<Unit> unitChoices() {
        Actor actor = actors.current();
        return units.units().stream()
                .filter(u -> u.kind() != UnitKind.GRID)
                .filter(u -> actors.mayActFor(actor, u.id()))
                .sorted(Comparator.comparing(Unit::code))
                .toList();
    }

    // ---- creating a theme

    @Transactional
    long create(Draft draft) {
        Actor actor = requireSupervisor();
        List<InputProblem> problems = new ArrayList<>();
        YearMonth month = month(draft.month(), problems);
        String title = title(
                draft.title(),
                InputProblem.of("title", "governance.theme.error.title", "Give the theme a title."),
                problems);
        String description = draft.description().strip();
        if (description.length() > MAX_TEXT) {
            problems.add(InputProblem.of(
                    "description",
                    "governance.theme.error.textLong",
                    "Keep the description to " + MAX_TEXT + " characters.",
                    MAX_TEXT));
        }
        Unit lead = draft.leadUnit().isBlank()
                ? null
                : unit(draft.leadUnit(), "leadUnit", problems).orElse(null);
        if (draft.leadUnit().isBlank()) {
            problems.add(InputProblem.of("leadUnit", "governance.theme.error.lead", "Choose the lead unit."));
        }
        Set<Long> supporting = new LinkedHashSet<>();
        for (String s : draft.supporting()) {
            if (s.isBlank()) {
                continue;
            }
            unit(s, "supporting", problems).ifPresent(u -> {
                if (lead != null && u.id() == lead.id()) {
                    problems.add(InputProblem.of(
                            "supporting",
                            "governance.theme.error.supportingLead",
                            "The lead unit cannot also be a supporting unit.",
                            u.name()));
                } else {
                    supporting.add(u.id());
                }
            });
        }
        Set<Long> clusters = clusterIds(draft.clusters(), problems);
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into theme (month, title, lead_unit_id, description, status, created_at, created_by)
                        values (:month, :title, :lead, :description, 'OPEN', :at, :by) returning id""")
                .param("month", java.sql.Date.valueOf(month.atDay(1)))
                .param("title", title)
                .param("lead", lead.id())
                .param("description", description)
                .param("at", Timestamp.from(now))
                .param("by", actor.username())
                .query(Long.class)
                .single();
        for (long c : clusters) {
            jdbc.sql("insert into theme_cluster (theme_id, cluster_id) values (:t, :c)")
                    .param("t", id)
                    .param("c", c)
                    .update();
        }
        for (long u : supporting) {
            jdbc.sql("insert into theme_supporting_unit (theme_id, unit_id) values (:t, :u)")
                    .param("t", id)
                    .param("u", u)
                    .update();
        }
        audit.record(
                actor.username(),
                "GOVERNANCE_THEME_CREATED",
                "theme:" + id,
                month + " · " + title + " · lead " + lead.id() + " · supporting " + supporting + " · clusters "
                        + clusters);
        return id;
    }

    /** A title stripped; {@code missing} when it is empty, and a problem on the same field when it is too long. */
    private static String title(String typed, InputProblem missing, List<InputProblem> problems) {
        String title = typed.strip();
        if (title.isEmpty()) {
            problems.add(missing);
        } else if (title.length() > MAX_TITLE) {
            problems.add(InputProblem.of(
                    missing.field(),
                    "governance.theme.error.titleLong",
                    "Keep the title to " + MAX_TITLE + " characters.",
                    MAX_TITLE));
        }
        return title;
    }

    private YearMonth month(String text, List<InputProblem> problems) {
        try {
            YearMonth m = YearMonth.parse(text.strip());
            if (m.getYear() >= 2000 && m.getYear() <= 2100) {
                return m;
            }
        } catch (DateTimeParseException e) {
            // named below
        }
        problems.add(InputProblem.of("month", "governance.theme.error.month", "Write the month as 2026-11."));
        return thisMonth();
    }

    private Optional<Unit> unit(String text, String field, List<InputProblem> problems) {
        Actor actor = actors.current();
        try {
            long id = Long.parseLong(text.strip());
            Optional<Unit> unit = units.find(id).filter(u -> actors.mayActFor(actor, u.id()));
            if (unit.isPresent()) {
                return unit;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        problems.add(InputProblem.of(
                field,
                "governance.theme.error.unit",
                "There is no such unit in your scope: choose one from the list."));
        return Optional.empty();
    }

    private Set<Long> clusterIds(List<String> texts, List<InputProblem> problems) {
        Set<Long> ids = new LinkedHashSet<>();
        boolean bad = false;
        for (String t : texts) {
            if (t.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(t.strip()));
            } catch (NumberFormatException e) {
                bad = true;
            }
        }
        if (!ids.isEmpty()) {
            Set<Long> known = new LinkedHashSet<>(jdbc.sql("select id from hot_cluster where id = any(:ids)")
                    .param("ids", ids.toArray(Long[]::new))
                    .query(Long.class)
                    .list());
            bad |= !known.containsAll(ids);
            ids.retainAll(known);
        }
        if (bad) {
            problems.add(InputProblem.of(
                    "clusters", "governance.theme.error.clusterUnknown", "A picked cluster no longer exists."));
        } else if (ids.isEmpty()) {
            problems.add(InputProblem.of("clusters", "governance.theme.error.clusters", "Pick at least one cluster."));
        }
        return ids;
    }

    // ---- tasks

    @Transactional
    long addTask(long themeId, TaskDraft draft) {
        Actor actor = requireSupervisor();
        Theme theme = locked(themeId);
        requireOpen(theme);
        List<InputProblem> problems = new ArrayList<>();
        String title = title(
                draft.title(),
                InputProblem.of("taskTitle", "governance.theme.error.taskTitle", "Say what the task is."),
                problems);
        Unit unit = null;
        if (draft.unit().isBlank()) {
            problems.add(InputProblem.of(
                    "taskUnit", "governance.theme.error.taskUnit", "Choose the unit responsible for it."));
        } else {
            unit = unit(draft.unit(), "taskUnit", problems).orElse(null);
        }
        LocalDate due = null;
        try {
            due = LocalDate.parse(draft.dueOn().strip());
        } catch (DateTimeParseException e) {
            problems.add(InputProblem.of("taskDue", "governance.theme.error.due", "Give the deadline as 2026-11-30."));
        }
        if (due != null) {
            LocalDate monthStart = theme.month().atDay(1);
            if (due.isBefore(monthStart)) {
                problems.add(InputProblem.of(
                        "taskDue",
                        "governance.theme.error.dueBeforeMonth",
                        "The deadline cannot be before the theme's month begins (" + monthStart + ").",
                        monthStart.toString()));
            } else if (due.isBefore(today())) {
                problems.add(InputProblem.of(
                        "taskDue",
                        "governance.theme.error.duePast",
                        "The deadline has already passed.",
                        due.toString()));
            }
        }
        String note = draft.note().strip();
        if (note.length() > MAX_NOTE) {
            problems.add(InputProblem.of(
                    "taskNote",
                    "governance.theme.error.textLong",
                    "Keep the note to " + MAX_NOTE + " characters.",
                    MAX_NOTE));
        }
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        long id = jdbc.sql("""
                        insert into theme_task (theme_id, title, unit_id, due_on, note, created_at, created_by)
                        values (:theme, :title, :unit, :due, :note, :at, :by) returning id""")
                .param("theme", themeId)
                .param("title", title)
                .param("unit", unit.id())
                .param("due", java.sql.Date.valueOf(due))
                .param("note", note)
                .param("at", Timestamp.from(clock.instant()))
                .param("by", actor.username())
                .query(Long.class)
                .single();
        audit.record(
                actor.username(),
                "GOVERNANCE_THEME_TASK_ADDED",
                "theme:" + themeId,
                "task " + id + " · " + title + " · unit " + unit.id() + " · due " + due);
        return id;
    }

    /** Marks a task done or not done; the same mark twice changes nothing and writes no audit line. */
    @Transactional
    Task markTask(long themeId, long taskId, boolean done) {
        Actor actor = requireSupervisor();
        Theme theme = locked(themeId);
        requireOpen(theme);
        String title = jdbc.sql("select title from theme_task where id = :id and theme_id = :theme")
                .param("id", taskId)
                .param("theme", themeId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> JiesuException.notFound("Theme " + themeId + " has no task " + taskId + "."));
        String markStatement = done ? MARK_DONE : MARK_NOT_DONE;
        int changed = jdbc.sql(markStatement)
                .param("id", taskId)
                .param("at", Timestamp.from(clock.instant()))
                .param("by", actor.username())
                .update();
        if (changed > 0) {
            audit.record(
                    actor.username(),
                    done ? "GOVERNANCE_THEME_TASK_DONE" : "GOVERNANCE_THEME_TASK_REOPENED",
                    "theme:" + themeId,
                    "task " + taskId + " · " + title);
        }
        return detail(themeId).tasks().stream()
                .filter(t -> t.id() == taskId)
                .findFirst()
                .orElseThrow();
    }

    /**
     * Closes a theme with its summary. The rule: a theme closes only when every task is done, so that a closed theme
     * never hides unfinished work; mark the open tasks done first (or say in the summary why one was dropped and mark
     * it done).
     */
    @Transactional
    void close(long themeId, String summaryText) {
        Actor actor = requireSupervisor();
        Theme theme = locked(themeId);
        requireOpen(theme);
        String summary = summaryText.strip();
        List<InputProblem> problems = new ArrayList<>();
        if (summary.isEmpty()) {
            problems.add(InputProblem.of(
                    "summary", "governance.theme.error.summary", "Write a summary of what was done and achieved."));
        } else if (summary.length() > MAX_TEXT) {
            problems.add(InputProblem.of(
                    "summary",
                    "governance.theme.error.textLong",
                    "Keep the summary to " + MAX_TEXT + " characters.",
                    MAX_TEXT));
        }
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        int open = theme.tasks() - theme.done();
        if (open > 0) {
            throw new InputRefusal(
                    HttpStatus.CONFLICT,
                    List.of(InputProblem.of(
                            "summary",
                            "governance.theme.error.openTasks",
                            open + " task(s) are not done: mark every task done before closing the theme.",
                            open)));
        }
        jdbc.sql("""
                        update theme set status = 'CLOSED', summary = :summary, closed_at = :at, closed_by = :by
                        where id = :id""")
                .param("id", themeId)
                .param("summary", summary)
                .param("at", Timestamp.from(clock.instant()))
                .param("by", actor.username())
                .update();
        audit.record(actor.username(), "GOVERNANCE_THEME_CLOSED", "theme:" + themeId, summary);
    }

    private Theme locked(long themeId) {
        requireSupervisor();
        jdbc.sql("select id from theme where id = :id for update")
                .param("id", themeId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> JiesuException.notFound("There is no monthly theme " + themeId + "."));
        return theme(themeId);
    }

    private static void requireOpen(Theme theme) {
        if (!theme.open()) {
            throw JiesuException.illegalTransition("The theme " + theme.title() + " is closed; it changes no more.");
        }
    }

    // ---- effect

    /**
     * Requests in the theme's clusters (following merges) by week around {@code start}: {@value #EFFECT_WEEKS} weeks
     * before it, and every full week after it up to now, at most {@value #EFFECT_WEEKS}.
     */
    Effect effect(long themeId, Instant start) {
        Instant now = clock.instant();
        long elapsed = now.isAfter(start) ? Duration.between(start, now).toDays() / 7 : 0;
        int weeks = (int) Math.min(EFFECT_WEEKS, elapsed);
        Map<Integer, Long> counts = new HashMap<>();
        List<Long> picked = picked(themeId);
        if (!picked.isEmpty()) {
            jdbc.sql(CHAIN + """
                            select floor(extract(epoch from (r.received_at - :start)) / 604800)::int as week,
                                count(*) as requests
                            from hot_member m join request r on r.id = m.request_id
                            where m.cluster_id in (select id from chain where merged_into is null)
                              and r.received_at >= :from and r.received_at < :to
                            group by 1""")
                    .param("ids", picked.toArray(Long[]::new))
                    .param("start", Timestamp.from(start))
                    .param("from", Timestamp.from(start.minus(WEEK.multipliedBy(EFFECT_WEEKS))))
                    .param("to", Timestamp.from(start.plus(WEEK.multipliedBy(weeks))))
                    .query(rs -> {
                        counts.put(rs.getInt("week"), rs.getLong("requests"));
                    });
        }
        List<Week> series = new ArrayList<>();
        long before = 0;
        long after = 0;
        for (int i = -EFFECT_WEEKS; i < weeks; i++) {
            long n = counts.getOrDefault(i, 0L);
            series.add(new Week(i, LocalDate.ofInstant(start.plus(WEEK.multipliedBy(i)), zone), n));
            if (i < 0 && i >= -weeks) {
                before += n;
            } else if (i >= 0) {
                after += n;
            }
        }
        return new Effect(start, weeks, before, after, series);
    }

    // ---- reading rows

    private Theme theme(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Theme(
                rs.getLong("id"),
                YearMonth.from(rs.getDate("month").toLocalDate()),
                rs.getString("title"),
                units.unit(rs.getLong("lead_unit_id")),
                rs.getString("description"),
                Status.valueOf(rs.getString("status")),
                rs.getString("summary"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                instant(rs.getTimestamp("closed_at")),
                rs.getString("closed_by"),
                rs.getInt("tasks"),
                rs.getInt("done"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private Actor requireSupervisor() {
        Actor actor = actors.current();
        actors.requireRole(actor, SUPERVISORS);
        return actor;
    }
}
