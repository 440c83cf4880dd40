package org.jiesu.assessment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assessment schemes, the scores assessors give with their evidence, and each scheme's results for a period.
 * Administrators define schemes; supervisors and administrators score the units within their scope and read results.
 * Every change is audited in the transaction that makes it; bad input changes nothing.
 */
@Service
@Transactional(readOnly = true)
class Schemes {

    private static final Role[] ASSESSORS = {Role.SUPERVISOR, Role.ADMIN};

    private static final String SCHEME_COLUMNS = """
            id, name, unit_kind, root_unit_id, rates_weight, criteria_weight, band2, band3, band4, band5,
            excellent_share, good_share, poor_share, updated_at, updated_by""";

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Actors actors;
    private final Rates rates;
    private final AuditLog audit;
    private final Clock clock;

    Schemes(JdbcClient jdbc, UnitDirectory units, Actors actors, Rates rates, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.actors = actors;
        this.rates = rates;
        this.audit = audit;
        this.clock = clock;
    }

    /** A score as it stands, with how many files back it. */
    record Score(long id, BigDecimal score, String note, Instant scoredAt, String scoredBy, int files) {}

    /** A file of evidence without its bytes. */
    record EvidenceInfo(long id, String fileName, String contentType, int size, Instant addedAt, String addedBy) {}

    /** A file of evidence with its bytes, for download. */
    record EvidenceFile(EvidenceInfo info, byte[] content) {}

    /** A file as uploaded, before it is checked. */
    record Upload(String fileName, byte[] content) {}

    /** The units an actor scores under a scheme, and the scores they have, by unit and criterion id. */
    record Grid(
            AssessmentScheme scheme, AssessmentPeriod period, List<Unit> units, Map<Long, Map<Long, Score>> scores) {

        @Nullable
        public Score score(long unitId, long criterionId) {
            return scores.getOrDefault(unitId, Map.of()).get(criterionId);
        }

        public long scored() {
            return scores.values().stream().mapToLong(Map::size).sum();
        }
    }

    /** A scheme's results for a period: the rows the actor may see; quotas and ranks are over every assessed unit. */
    record Results(AssessmentScheme scheme, AssessmentPeriod period, Standings.Result result, int assessed) {}

    public List<AssessmentScheme> all() {
        Actor actor = actors.current();
        actors.requireRole(actor, ASSESSORS);
        return jdbc
                .sql("select " + SCHEME_COLUMNS + " from assessment_scheme order by name")
                .query((rs, n) -> scheme(rs, List.of()))
                .list()
                .stream()
                .map(s -> withCriteria(s))
                .toList();
    }

    AssessmentScheme scheme(long id) {
        actors.requireRole(actors.current(), ASSESSORS);
        return find(id).orElseThrow(() -> JiesuException.notFound("There is no assessment scheme " + id + "."));
    }

    private Optional<AssessmentScheme> find(long id) {
        return jdbc.sql("select " + SCHEME_COLUMNS + " from assessment_scheme where id = :id")
                .param("id", id)
                .query((rs, n) -> scheme(rs, List.of()))
                .optional()
                .map(this::withCriteria);
    }

    /** Every problem with a draft, those the draft shows by itself and those the database knows. */
    List<InputProblem> problems(@Nullable Long schemeId, SchemeDraft draft) {
        SchemeDraft.Checked checked = draft.check();
        List<InputProblem> problems = new ArrayList<>(checked.problems());
        Long root = null;
        if (!draft.rootUnitId().isBlank()) {
            try {
                root = Long.parseLong(draft.rootUnitId().strip());
            } catch (NumberFormatException e) {
                // named by the draft
            }
            if (root != null && (units.find(root).isEmpty() || !actors.mayActFor(actors.current(), root))) {
                problems.add(
                        InputProblem.of("rootUnitId", "scheme.error.root", "There is no such unit in your scope."));
            }
        }
        String name = draft.name().strip();
        Long same = jdbc.sql("select id from assessment_scheme where name = :name")
                .param("name", name)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (same != null && !same.equals(schemeId)) {
            problems.add(
                    InputProblem.of("name", "scheme.error.nameTaken", "Another scheme is named " + name + ".", name));
        }
        if (schemeId != null && checked.scheme() != null) {
            AssessmentScheme old = find(schemeId).orElseThrow();
            Set<Long> known = new HashSet<>();
            old.criteria().forEach(c -> known.add(c.id()));
            Set<Long> kept = new HashSet<>();
            for (AssessmentScheme.Criterion c : checked.scheme().criteria()) {
                if (c.id() != null && !known.contains(c.id())) {
                    problems.add(InputProblem.of(
                            "criteria",
                            "scheme.error.criterionUnknown",
                            "Criterion " + c.id() + " is not in this scheme."));
                }
                kept.add(c.id());
            }
            for (AssessmentScheme.Criterion c : old.criteria()) {
                if (!kept.contains(c.id()) && scoreCount(c.id()) > 0) {
                    problems.add(InputProblem.of(
                            "criteria",
                            "scheme.error.criterionScored",
                            "Criterion " + c.name() + " has scores and cannot be removed.",
                            c.name()));
                }
            }
        }
        return problems;
    }

    @Transactional
    public long create(SchemeDraft draft) {
        Actor actor = actors.current();
        actors.requireRole(actor, Role.ADMIN);
        AssessmentScheme s = checked(null, draft);
        long id = jdbc.sql("""
                        insert into assessment_scheme (name, unit_kind, root_unit_id, rates_weight, criteria_weight,
                            band2, band3, band4, band5, excellent_share, good_share, poor_share, updated_at, updated_by)
                        values (:name, :kind, :root, :wr, :wc, :b2, :b3, :b4, :b5, :e, :g, :p, :at, :by)
                        returning id""").params(params(s, actor)).query(Long.class).single();
        writeCriteria(id, s.criteria());
        audit.record(actor.username(), "ASSESSMENT_SCHEME_CREATED", "assessment-scheme:" + id, describe(s));
        return id;
    }

    @Transactional
    public void update(long id, SchemeDraft draft) {
        Actor actor = actors.current();
        actors.requireRole(actor, Role.ADMIN);
        AssessmentScheme old = scheme(id);
        AssessmentScheme s = checked(id, draft);
        Map<String, Object> p = params(s, actor);
        p.put("id", id);
        jdbc.sql("""
                        update assessment_scheme set name = :name, unit_kind = :kind, root_unit_id = :root,
                            rates_weight = :wr, criteria_weight = :wc, band2 = :b2, band3 = :b3, band4 = :b4,
                            band5 = :b5, excellent_share = :e, good_share = :g, poor_share = :p, updated_at = :at,
                            updated_by = :by
                        where id = :id""").params(p).update();
        Set<Long> kept = new HashSet<>();
        s.criteria().forEach(c -> kept.add(c.id()));
        for (AssessmentScheme.Criterion c : old.criteria()) {
            if (!kept.contains(c.id())) {
                jdbc.sql("delete from assessment_criterion where id = :id")
                        .param("id", c.id())
                        .update();
            }
        }
        writeCriteria(id, s.criteria());
        audit.record(
                actor.username(),
                "ASSESSMENT_SCHEME_CHANGED",
                "assessment-scheme:" + id,
                "was: " + describe(old) + " | now: " + describe(s));
    }

    private AssessmentScheme checked(@Nullable Long id, SchemeDraft draft) {
        List<InputProblem> problems = problems(id, draft);
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        return draft.check().scheme();
    }

    private void writeCriteria(long schemeId, List<AssessmentScheme.Criterion> criteria) {
        // Names are unique within a scheme: park the kept ones first, so that two may swap names in one edit.
        jdbc.sql("update assessment_criterion set name = '~' || id where scheme_id = :s")
                .param("s", schemeId)
                .update();
        int position = 0;
        for (AssessmentScheme.Criterion c : criteria) {
            position++;
            if (c.id() == null) {
                jdbc.sql("""
                                insert into assessment_criterion (scheme_id, position, name, description, weight)
                                values (:s, :pos, :name, :d, :w)""")
                        .param("s", schemeId)
                        .param("pos", position)
                        .param("name", c.name())
                        .param("d", c.description())
                        .param("w", c.weight())
                        .update();
            } else {
                jdbc.sql("""
                                update assessment_criterion set position = :pos, name = :name, description = :d,
                                    weight = :w
                                where id = :id and scheme_id = :s""")
                        .param("s", schemeId)
                        .param("id", c.id())
                        .param("pos", position)
                        .param("name", c.name())
                        .param("d", c.description())
                        .param("w", c.weight())
                        .update();
            }
        }
    }

    /** The units a scheme assesses, by code: its kind, below its root unit when it has one. */
    List<Unit> assessed(AssessmentScheme s) {
        return units.units().stream()
                .filter(u -> u.kind() == s.kind())
                .filter(u -> s.rootUnitId() == null || units.isWithin(u.id(), s.rootUnitId()))
                .sorted(java.util.Comparator.comparing(Unit::code))
                .toList();
    }

    Grid grid(long schemeId, AssessmentPeriod period) {
        Actor actor = actors.current();
        AssessmentScheme s = scheme(schemeId);
        List<Unit> mine = assessed(s).stream()
                .filter(u -> actors.mayActFor(actor, u.id()))
                .toList();
        Map<Long, Map<Long, Score>> scores = new HashMap<>();
        jdbc.sql("""
                        select s.id, s.unit_id, s.criterion_id, s.score, s.note, s.scored_at, s.scored_by,
                            (select count(*) from assessment_evidence e where e.score_id = s.id) as files
                        from assessment_score s join assessment_criterion c on c.id = s.criterion_id
                        where c.scheme_id = :scheme and s.period = :period""").param("scheme", schemeId).param("period", period.key()).query(rs -> {
            scores.computeIfAbsent(rs.getLong("unit_id"), k -> new HashMap<>())
                    .put(
                            rs.getLong("criterion_id"),
                            new Score(
                                    rs.getLong("id"),
                                    rs.getBigDecimal("score"),
                                    rs.getString("note"),
                                    rs.getTimestamp("scored_at").toInstant(),
                                    rs.getString("scored_by"),
                                    rs.getInt("files")));
        });
        Set<Long> visible = new HashSet<>();
        mine.forEach(u -> visible.add(u.id()));
        scores.keySet().retainAll(visible);
        return new Grid(s, period, mine, scores);
    }

    /** The scheme, unit and criterion of one cell, checked: the scheme exists, assesses the unit, has the criterion. */
    record Cell(AssessmentScheme scheme, Unit unit, AssessmentScheme.Criterion criterion) {}

    Cell cell(long schemeId, long unitId, long criterionId) {
        Actor actor = actors.current();
        AssessmentScheme s = scheme(schemeId);
        Unit unit = units.find(unitId)
                .filter(u -> assessed(s).contains(u))
                .orElseThrow(() -> JiesuException.notFound(
                        "Scheme " + s.name() + " does not assess a unit with id " + unitId + "."));
        actors.requireScope(actor, unitId);
        AssessmentScheme.Criterion criterion = s.criteria().stream()
                .filter(c -> c.id() == criterionId)
                .findFirst()
                .orElseThrow(() -> JiesuException.notFound(
                        "Scheme " + s.name() + " has no criterion with id " + criterionId + "."));
        return new Cell(s, unit, criterion);
    }

    Optional<Score> score(Cell cell, AssessmentPeriod period) {
        return jdbc.sql("""
                        select s.id, s.score, s.note, s.scored_at, s.scored_by,
                            (select count(*) from assessment_evidence e where e.score_id = s.id) as files
                        from assessment_score s
                        where s.criterion_id = :c and s.unit_id = :u and s.period = :p""")
                .param("c", cell.criterion().id())
                .param("u", cell.unit().id())
                .param("p", period.key())
                .query((rs, n) -> new Score(
                        rs.getLong("id"),
                        rs.getBigDecimal("score"),
                        rs.getString("note"),
                        rs.getTimestamp("scored_at").toInstant(),
                        rs.getString("scored_by"),
                        rs.getInt("files")))
                .optional();
    }

    List<EvidenceInfo> evidence(long scoreId) {
        return jdbc.sql("""
                        select id, file_name, content_type, size, added_at, added_by
                        from assessment_evidence where score_id = :s order by id""")
                .param("s", scoreId)
                .query((rs, n) -> new EvidenceInfo(
                        rs.getLong("id"),
                        rs.getString("file_name"),
                        rs.getString("content_type"),
                        rs.getInt("size"),
                        rs.getTimestamp("added_at").toInstant(),
                        rs.getString("added_by")))
                .list();
    }

    /** Problems with a score and its evidence before anything is written. */
    static List<InputProblem> scoreProblems(String scoreText, String note, List<Upload> files) {
        List<InputProblem> problems = new ArrayList<>();
        BigDecimal score = SchemeDraft.decimal(scoreText);
        if (score == null || score.compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add(InputProblem.of(
                    "score", "score.error.score", "A score is a number from 0 to 100 with at most one decimal."));
        }
        String n = note == null ? "" : note.strip();
        if (n.isEmpty() || n.length() > 2000) {
            problems.add(InputProblem.of(
                    "note", "score.error.note", "Say in at most 2000 characters what the score rests on."));
        }
        if (files.size() > EvidenceFiles.MAX_FILES) {
            problems.add(InputProblem.of(
                    "files",
                    "score.error.tooMany",
                    "At most " + EvidenceFiles.MAX_FILES + " files at a time.",
                    EvidenceFiles.MAX_FILES));
        }
        for (Upload f : files) {
            String name = EvidenceFiles.cleanName(f.fileName());
            if (f.content().length == 0 || f.content().length > EvidenceFiles.MAX_BYTES) {
                problems.add(InputProblem.of(
                        "files",
                        "score.error.size",
                        name + " is empty or larger than 5 MB.",
                        name,
                        EvidenceFiles.MAX_BYTES / 1024 / 1024));
            } else if (EvidenceFiles.contentType(name, f.content()).isEmpty()) {
                problems.add(InputProblem.of(
                        "files", "score.error.type", name + " is not a PDF, an image or an office document.", name));
            }
        }
        return problems;
    }

    /** Gives or changes a score with its note and adds the files; the old value goes into the audit line. */
    @Transactional
    public void score(
            long schemeId,
            long unitId,
            long criterionId,
            AssessmentPeriod period,
            String scoreText,
            String note,
            List<Upload> files) {
        Actor actor = actors.current();
        actors.requireRole(actor, ASSESSORS);
        Cell cell = cell(schemeId, unitId, criterionId);
        List<InputProblem> problems = scoreProblems(scoreText, note, files);
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        BigDecimal value = SchemeDraft.decimal(scoreText);
        Optional<Score> before = score(cell, period);
        Timestamp now = Timestamp.from(Instant.now(clock));
        long scoreId = jdbc.sql("""
                        insert into assessment_score (criterion_id, unit_id, period, score, note, scored_at, scored_by)
                        values (:c, :u, :p, :score, :note, :at, :by)
                        on conflict (criterion_id, unit_id, period)
                        do update set score = excluded.score, note = excluded.note, scored_at = excluded.scored_at,
                            scored_by = excluded.scored_by
                        returning id""")
                .param("c", criterionId)
                .param("u", unitId)
                .param("p", period.key())
                .param("score", value)
                .param("note", note.strip())
                .param("at", now)
                .param("by", actor.username())
                .query(Long.class)
                .single();
        List<String> names = new ArrayList<>();
        for (Upload f : files) {
            String name = EvidenceFiles.cleanName(f.fileName());
            jdbc.sql("""
                            insert into assessment_evidence (score_id, file_name, content_type, size, content, added_at,
                                added_by)
                            values (:s, :name, :type, :size, :content, :at, :by)""")
                    .param("s", scoreId)
                    .param("name", name)
                    .param("type", EvidenceFiles.contentType(name, f.content()).orElseThrow())
                    .param("size", f.content().length)
                    .param("content", f.content())
                    .param("at", now)
                    .param("by", actor.username())
                    .update();
            names.add(name);
        }
        String subject = "assessment-score:" + schemeId + "/" + unitId + "/" + criterionId + "/" + period.key();
        String was = before.map(b -> SchemeDraft.plain(b.score())).orElse("none");
        audit.record(
                actor.username(),
                before.isPresent() ? "ASSESSMENT_SCORE_CHANGED" : "ASSESSMENT_SCORE_GIVEN",
                subject,
                cell.unit().name() + " · " + cell.criterion().name() + ": " + was + " -> " + SchemeDraft.plain(value)
                        + (names.isEmpty() ? "" : "; files " + String.join(", ", names)));
    }

    /** A file of evidence, for someone who may read the unit's scores. */
    EvidenceFile file(long id) {
        Actor actor = actors.current();
        actors.requireRole(actor, ASSESSORS);
        record Row(EvidenceInfo info, long unitId, byte[] content) {}
        Row row = jdbc.sql("""
                        select e.id, e.file_name, e.content_type, e.size, e.added_at, e.added_by, s.unit_id, e.content
                        from assessment_evidence e join assessment_score s on s.id = e.score_id
                        where e.id = :id""")
                .param("id", id)
                .query((rs, n) -> new Row(
                        new EvidenceInfo(
                                rs.getLong("id"),
                                rs.getString("file_name"),
                                rs.getString("content_type"),
                                rs.getInt("size"),
                                rs.getTimestamp("added_at").toInstant(),
                                rs.getString("added_by")),
                        rs.getLong("unit_id"),
                        rs.getBytes("content")))
                .optional()
                .orElseThrow(() -> JiesuException.notFound("There is no file of evidence " + id + "."));
        if (!actors.mayActFor(actor, row.unitId())) {
            throw JiesuException.notFound("There is no file of evidence " + id + ".");
        }
        return new EvidenceFile(row.info(), row.content());
    }

    /**
     * The results of a scheme for a period. A period in which no unit has a score or a counted order is refused: it
     * has nothing to show.
     */
    Results results(long schemeId, AssessmentPeriod period) {
        Actor actor = actors.current();
        AssessmentScheme s = scheme(schemeId);
        List<Unit> assessed = assessed(s);
        List<Long> ids = assessed.stream().map(Unit::id).toList();
        Map<Long, UnitRates> unitRates = ids.isEmpty() ? Map.of() : rates.unitRates(ids, period.period());
        Map<Long, Map<Long, BigDecimal>> scores = new HashMap<>();
        jdbc.sql("""
                        select s.unit_id, s.criterion_id, s.score
                        from assessment_score s join assessment_criterion c on c.id = s.criterion_id
                        where c.scheme_id = :scheme and s.period = :period""").param("scheme", schemeId).param("period", period.key()).query(rs -> {
            scores.computeIfAbsent(rs.getLong("unit_id"), k -> new HashMap<>())
                    .put(rs.getLong("criterion_id"), rs.getBigDecimal("score"));
        });
        List<Standings.UnitInput> inputs = new ArrayList<>();
        boolean any = false;
        for (Unit u : assessed) {
            UnitRates r = unitRates.get(u.id());
            Map<Long, BigDecimal> own = scores.getOrDefault(u.id(), Map.of());
            any |= !own.isEmpty() || r != null && r.score() != null;
            inputs.add(new Standings.UnitInput(
                    u.id(),
                    u.code(),
                    u.name(),
                    r == null ? null : r.score(),
                    r == null ? null : r.satisfaction().percent(),
                    r == null ? null : r.resolution().percent(),
                    r == null ? null : r.response().percent(),
                    own));
        }
        if (!any) {
            throw JiesuException.notFound("Scheme " + s.name() + " has no scores and no counted orders in "
                    + period.key() + ": there is nothing to rank.");
        }
        Standings.Result all = Standings.rank(s, inputs);
        List<Standings.Standing> visible = all.rows().stream()
                .filter(row -> actors.mayActFor(actor, row.unit().unitId()))
                .toList();
        return new Results(s, period, new Standings.Result(visible, all.quotas(), all.counts()), assessed.size());
    }

    /** Units in the actor's scope an administrator may choose as a scheme's root: territorial, above grid level. */
    List<Unit> roots() {
        Actor actor = actors.current();
        return units.units().stream()
                .filter(u -> u.kind().territorial() && u.kind() != UnitKind.GRID)
                .filter(u -> actors.mayActFor(actor, u.id()))
                .sorted(java.util.Comparator.comparing(
                                (Unit u) -> units.lineage(u.id()).size())
                        .thenComparing(Unit::code))
                .toList();
    }

    Optional<Unit> unit(@Nullable Long id) {
        return id == null ? Optional.empty() : units.find(id);
    }

    private long scoreCount(long criterionId) {
        return jdbc.sql("select count(*) from assessment_score where criterion_id = :c")
                .param("c", criterionId)
                .query(Long.class)
                .single();
    }

    private AssessmentScheme withCriteria(AssessmentScheme s) {
        List<AssessmentScheme.Criterion> criteria = jdbc.sql("""
                        select id, name, description, weight from assessment_criterion
                        where scheme_id = :s order by position, id""")
                .param("s", s.id())
                .query((rs, n) -> new AssessmentScheme.Criterion(
                        rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getInt("weight")))
                .list();
        return new AssessmentScheme(
                s.id(),
                s.name(),
                s.kind(),
                s.rootUnitId(),
                s.ratesWeight(),
                s.criteriaWeight(),
                s.bands(),
                s.distribution(),
                criteria,
                s.updatedAt(),
                s.updatedBy());
    }

    private static AssessmentScheme scheme(java.sql.ResultSet rs, List<AssessmentScheme.Criterion> criteria)
            throws java.sql.SQLException {
        Long root = rs.getObject("root_unit_id", Long.class);
        return new AssessmentScheme(
                rs.getLong("id"),
                rs.getString("name"),
                UnitKind.valueOf(rs.getString("unit_kind")),
                root,
                rs.getInt("rates_weight"),
                rs.getInt("criteria_weight"),
                new Bands(
                        rs.getBigDecimal("band2"),
                        rs.getBigDecimal("band3"),
                        rs.getBigDecimal("band4"),
                        rs.getBigDecimal("band5")),
                new Distribution(rs.getInt("excellent_share"), rs.getInt("good_share"), rs.getInt("poor_share")),
                criteria,
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }

    private Map<String, Object> params(AssessmentScheme s, Actor actor) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", s.name());
        p.put("kind", s.kind().name());
        p.put("root", s.rootUnitId());
        p.put("wr", s.ratesWeight());
        p.put("wc", s.criteriaWeight());
        p.put("b2", s.bands().two());
        p.put("b3", s.bands().three());
        p.put("b4", s.bands().four());
        p.put("b5", s.bands().five());
        p.put("e", s.distribution().excellent());
        p.put("g", s.distribution().good());
        p.put("p", s.distribution().poor());
        p.put("at", Timestamp.from(Instant.now(clock)));
        p.put("by", actor.username());
        return p;
    }

    private static String describe(AssessmentScheme s) {
        StringBuilder b = new StringBuilder();
        b.append(s.name())
                .append("; ")
                .append(s.kind())
                .append(s.rootUnitId() == null ? "" : " below " + s.rootUnitId());
        b.append("; rates ").append(s.ratesWeight()).append(" + criteria ").append(s.criteriaWeight());
        b.append("; ");
        for (AssessmentScheme.Criterion c : s.criteria()) {
            b.append(c.name()).append(' ').append(c.weight()).append("% ");
        }
        Bands bands = s.bands();
        b.append("; stars ")
                .append(SchemeDraft.plain(bands.two()))
                .append('/')
                .append(SchemeDraft.plain(bands.three()))
                .append('/')
                .append(SchemeDraft.plain(bands.four()))
                .append('/')
                .append(SchemeDraft.plain(bands.five()));
        Distribution d = s.distribution();
        b.append("; ")
                .append(d.excellent())
                .append('/')
                .append(d.good())
                .append('/')
                .append(d.poor());
        return b.toString();
    }

    static Collection<UnitKind> kinds() {
        return SchemeDraft.KINDS;
    }
}
