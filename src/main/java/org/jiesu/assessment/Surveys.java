package org.jiesu.assessment;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Satisfaction surveys of a unit (民主测评): a supervisor sets one up and gets one-time codes to hand out; respondents
 * answer with a code and no account. The code is marked used in the same transaction as the answer is written, and
 * the answer keeps nothing that leads back to the code: not its id, not a time finer than the day, not an address.
 */
@Service
class Surveys {

    enum Rating {
        SATISFIED,
        BASICALLY_SATISFIED,
        DISSATISFIED
    }

    static final List<String> DEFAULT_ITEMS = List.of("服务态度", "办事效率", "为民办实事", "廉洁自律", "总体评价");
    static final int MAX_RESPONDENTS = 2000;
    static final int MAX_ITEMS = 20;
    static final int MAX_ITEM_LENGTH = 50;
    static final int MAX_TITLE_LENGTH = 200;

    record Survey(
            long id,
            long unitId,
            String unitName,
            String title,
            List<String> items,
            LocalDate opensOn,
            LocalDate closesOn,
            int respondents,
            String createdBy,
            Instant createdAt) {

        boolean openOn(LocalDate day) {
            return !day.isBefore(opensOn) && !day.isAfter(closesOn);
        }
    }

    /** The creation form as typed. */
    record NewSurvey(
            @Nullable String unitId,
            @Nullable String title,
            @Nullable String items,
            @Nullable String opensOn,
            @Nullable String closesOn,
            @Nullable String respondents) {}

    /** A new survey and its codes, as printed: the only time they are shown. */
    record Created(Survey survey, List<String> codes) {}

    record ItemResult(String item, long satisfied, long basically, long dissatisfied) {

        public long answers() {
            return satisfied + basically + dissatisfied;
        }

        /** (satisfied + weight × basically) ÷ answers in percent with one decimal, null without answers. */
        @Nullable
        public Double percent(double weight) {
            long n = answers();
            return n == 0 ? null : Math.round((satisfied + weight * basically) * 1000.0 / n) / 10.0;
        }
    }

    record Results(Survey survey, long answers, long issued, List<ItemResult> items, double weight) {

        @Nullable
        public Double percent(ItemResult item) {
            return item.percent(weight);
        }
    }

    private static final String SURVEY = """
            select s.id, s.unit_id, u.name as unit_name, s.title, s.items, s.opens_on, s.closes_on, s.respondents,
                   s.created_by, s.created_at
            from survey s join unit u on u.id = s.unit_id
            """;

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Actors actors;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final AssessmentSettings settings;

    Surveys(
            JdbcClient jdbc,
            UnitDirectory units,
            Actors actors,
            AuditLog audit,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone,
            AssessmentSettings settings) {
        this.jdbc = jdbc;
        this.units = units;
        this.actors = actors;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
        this.settings = settings;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Checks the form, writes the survey and its codes, and returns the codes once; nothing is written on a fault. */
    @Transactional
    Created create(Actor actor, NewSurvey form) {
        actors.requireRole(actor, Role.SUPERVISOR, Role.ADMIN);
        List<InputProblem> problems = new ArrayList<>();
        Long unitId = null;
        try {
            unitId = form.unitId() == null || form.unitId().isBlank()
                    ? null
                    : Long.valueOf(form.unitId().trim());
        } catch (NumberFormatException e) {
            unitId = null;
        }
        if (unitId == null || units.find(unitId).isEmpty()) {
            throw JiesuException.notFound("There is no such unit: choose the unit to survey from the list.");
        }
        actors.requireScope(actor, unitId);
        String title = form.title() == null ? "" : form.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE_LENGTH) {
            problems.add(InputProblem.of(
                    "title",
                    "dashboard.survey.problem.title",
                    "Give the survey a title of at most " + MAX_TITLE_LENGTH + " characters.",
                    MAX_TITLE_LENGTH));
        }
        List<String> items = items(form.items(), problems);
        LocalDate opens = date(form.opensOn(), "opening", problems);
        LocalDate closes = date(form.closesOn(), "closing", problems);
        if (opens != null && closes != null && closes.isBefore(opens)) {
            problems.add(InputProblem.of(
                    "closesOn",
                    "dashboard.survey.problem.closesBeforeOpens",
                    "The survey cannot close (" + closes + ") before it opens (" + opens + ").",
                    closes.toString(),
                    opens.toString()));
        }
        if (closes != null && closes.isBefore(today())) {
            problems.add(InputProblem.of(
                    "closesOn",
                    "dashboard.survey.problem.closed",
                    "The closing date " + closes + " has already passed.",
                    closes.toString()));
        }
        int respondents = 0;
        try {
            respondents = Integer.parseInt(
                    form.respondents() == null ? "" : form.respondents().trim());
        } catch (NumberFormatException e) {
            respondents = 0;
        }
        if (respondents < 1 || respondents > MAX_RESPONDENTS) {
            problems.add(InputProblem.of(
                    "respondents",
                    "dashboard.survey.problem.respondents",
                    "The number of respondents must be between 1 and " + MAX_RESPONDENTS + ".",
                    MAX_RESPONDENTS));
        }
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        long id = jdbc.sql("""
                        insert into survey (unit_id, title, items, opens_on, closes_on, respondents, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        unitId,
                        title,
                        items.toArray(String[]::new),
                        opens,
                        closes,
                        respondents,
                        actor.username(),
                        Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        List<String> codes = new ArrayList<>(respondents);
        while (codes.size() < respondents) {
            String code = SurveyCodes.generate();
            int added = jdbc.sql("insert into survey_code (code_hash, survey_id) values (?, ?) on conflict do nothing")
                    .params(SurveyCodes.hash(code), id)
                    .update();
            if (added == 1) {
                codes.add(code);
            }
        }
        audit.record(
                actor.username(),
                "survey.create",
                "survey " + id,
                units.unit(unitId).name() + " · " + title + " · " + respondents + " codes · " + opens + " – " + closes);
        return new Created(survey(id), codes);
    }

    private static List<String> items(@Nullable String typed, List<InputProblem> problems) {
        Set<String> items = new LinkedHashSet<>();
        if (typed != null) {
            for (String line : typed.split("\\R")) {
                String item = line.strip();
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        }
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            problems.add(InputProblem.of(
                    "items",
                    "dashboard.survey.problem.items",
                    "List between 1 and " + MAX_ITEMS + " items to rate, one per line.",
                    MAX_ITEMS));
        }
        if (items.stream().anyMatch(i -> i.length() > MAX_ITEM_LENGTH)) {
            problems.add(InputProblem.of(
                    "items",
                    "dashboard.survey.problem.itemLength",
                    "Each item to rate has at most " + MAX_ITEM_LENGTH + " characters.",
                    MAX_ITEM_LENGTH));
        }
        return List.copyOf(items);
    }

    private static @Nullable LocalDate date(@Nullable String typed, String which, List<InputProblem> problems) {
        try {
            return LocalDate.parse(typed == null ? "" : typed.trim());
        } catch (DateTimeParseException e) {
            problems.add(InputProblem.of(
                    which.equals("opening") ? "opensOn" : "closesOn",
                    "dashboard.survey.problem." + which,
                    "Give the " + which + " date as 2026-11-23."));
            return null;
        }
    }

    /** The surveys of units within the actor's scope, newest first. */
    List<Survey> list(Actor actor) {
        actors.requireRole(actor, Role.SUPERVISOR, Role.ADMIN);
        Long root = actors.scopeRoot(actor);
        if (root == null) {
            return List.of();
        }
        return jdbc.sql(SURVEY + " where s.unit_id = any(?) order by s.id desc limit 200")
                .param(units.subtree(root).toArray(Long[]::new))
                .query((rs, n) -> map(rs))
                .list();
    }

    /** A survey the actor may read. */
    Survey survey(Actor actor, long id) {
        actors.requireRole(actor, Role.SUPERVISOR, Role.ADMIN);
        Survey survey = jdbc.sql(SURVEY + " where s.id = ?")
                .param(id)
                .query((rs, n) -> map(rs))
                .optional()
                .orElseThrow(() -> JiesuException.notFound("There is no survey " + id + "."));
        if (!actors.mayActFor(actor, survey.unitId())) {
            throw JiesuException.notFound("There is no survey " + id + ".");
        }
        return survey;
    }

    private Survey survey(long id) {
        return jdbc.sql(SURVEY + " where s.id = ?")
                .param(id)
                .query((rs, n) -> map(rs))
                .single();
    }

    Results results(Actor actor, long id) {
        Survey survey = survey(actor, id);
        long answers = jdbc.sql("select count(*) from survey_answer where survey_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        long[][] counts = new long[survey.items().size()][Rating.values().length];
        jdbc.sql("""
                        select r.ord, r.rating, count(*) as n
                        from survey_answer a, unnest(a.ratings) with ordinality as r(rating, ord)
                        where a.survey_id = ?
                        group by r.ord, r.rating""").param(id).query(rs -> {
            int item = rs.getInt("ord") - 1;
            if (item < counts.length) {
                counts[item][Rating.valueOf(rs.getString("rating")).ordinal()] = rs.getLong("n");
            }
        });
        List<ItemResult> items = new ArrayList<>();
        for (int i = 0; i < survey.items().size(); i++) {
            items.add(new ItemResult(survey.items().get(i), counts[i][0], counts[i][1], counts[i][2]));
        }
        // Basically satisfied weighs here what it weighs in the three rates, under the rules of the survey's last
        // month.
        double basicWeight =
                settings.inForce(java.time.YearMonth.from(survey.closesOn())).basicSatisfaction();
        return new Results(survey, answers, survey.respondents(), items, basicWeight);
    }

    /** The survey a code opens, for the public form: refused when the code is unknown, used, or out of dates. */
    Survey forCode(@Nullable String typed) {
        return open(hashOf(typed));
    }

    /**
     * Records one answer: the code is locked, checked and marked used, and the ratings written, all in one
     * transaction; a second answer with the same code finds it used and changes nothing.
     */
    @Transactional
    void answer(@Nullable String typed, List<String> ratings) {
        String hash = hashOf(typed);
        Survey survey = open(hash);
        if (ratings.size() != survey.items().size()) {
            throw incomplete();
        }
        for (String r : ratings) {
            if (r == null
                    || java.util.Arrays.stream(Rating.values())
                            .noneMatch(x -> x.name().equals(r))) {
                throw incomplete();
            }
        }
        // The lock above makes a concurrent answer wait; the condition here would refuse it even without the lock.
        int marked = jdbc.sql("update survey_code set used = true where code_hash = ? and not used")
                .param(hash)
                .update();
        if (marked != 1) {
            throw new SurveyRefused(SurveyRefused.Reason.USED, "This code has already been used to answer.");
        }
        jdbc.sql("insert into survey_answer (survey_id, answered_on, ratings) values (?, ?, ?)")
                .params(survey.id(), today(), ratings.toArray(String[]::new))
                .update();
    }

    private static SurveyRefused incomplete() {
        return new SurveyRefused(SurveyRefused.Reason.INCOMPLETE, "Rate every item: 满意, 基本满意 or 不满意.");
    }

    private static String hashOf(@Nullable String typed) {
        return SurveyCodes.normalise(typed)
                .map(SurveyCodes::hash)
                .orElseThrow(() -> new SurveyRefused(
                        SurveyRefused.Reason.UNKNOWN,
                        "There is no survey code like this: check the code on the slip."));
    }

    private Survey open(String hash) {
        // Locks the code until the answer's transaction ends: a second answer with it waits, then finds it used.
        var row = jdbc.sql("select survey_id, used from survey_code where code_hash = ? for update")
                .param(hash)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBoolean(2)})
                .optional()
                .orElseThrow(() -> new SurveyRefused(
                        SurveyRefused.Reason.UNKNOWN,
                        "There is no survey code like this: check the code on the slip."));
        if ((Boolean) row[1]) {
            throw new SurveyRefused(SurveyRefused.Reason.USED, "This code has already been used to answer.");
        }
        Survey survey = survey((Long) row[0]);
        LocalDate today = today();
        if (today.isBefore(survey.opensOn())) {
            throw new SurveyRefused(SurveyRefused.Reason.NOT_OPEN, "The survey opens on " + survey.opensOn() + ".");
        }
        if (today.isAfter(survey.closesOn())) {
            throw new SurveyRefused(SurveyRefused.Reason.CLOSED, "The survey closed on " + survey.closesOn() + ".");
        }
        return survey;
    }

    /** Units the actor may survey: their scope, without grids. */
    List<Unit> choices(Actor actor) {
        actors.requireRole(actor, Role.SUPERVISOR, Role.ADMIN);
        Long root = actors.scopeRoot(actor);
        if (root == null) {
            return List.of();
        }
        Set<Long> scope = units.subtree(root);
        return units.units().stream()
                .filter(u -> scope.contains(u.id()))
                .filter(u -> Assessed.KINDS.contains(u.kind()) || u.id() == root)
                .toList();
    }

    private static Survey map(java.sql.ResultSet rs) throws SQLException {
        Array items = rs.getArray("items");
        return new Survey(
                rs.getLong("id"),
                rs.getLong("unit_id"),
                rs.getString("unit_name"),
                rs.getString("title"),
                List.of((String[]) items.getArray()),
                rs.getObject("opens_on", LocalDate.class),
                rs.getObject("closes_on", LocalDate.class),
                rs.getInt("respondents"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
