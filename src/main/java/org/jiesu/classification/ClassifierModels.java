package org.jiesu.classification;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jiesu.audit.AuditLog;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Category;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The classifier's models: what they learn from (imported files, closed orders, operators' corrections), training
 * with cross-validation in the background (one at a time across all instances), every version kept in the database
 * with its training size and score, and the active one, which an administrator can set back to any earlier version.
 */
@Service
public class ClassifierModels {

    /** One trained model, without its bytes. */
    public record Version(
            int version,
            Instant trainedAt,
            String trainedBy,
            int trainingSize,
            int fromSamples,
            int fromOrders,
            int fromCorrections,
            List<String> labels,
            int cvFolds,
            double cvMacroF1,
            double cvAccuracy,
            long trainMillis,
            long bytes,
            boolean active,
            @Nullable Instant activatedAt) {}

    /** A training run, running or finished; {@code step} of {@code steps} for the progress bar. */
    public record Training(
            long id,
            Instant startedAt,
            String startedBy,
            String state,
            int step,
            int steps,
            String message,
            @Nullable Instant finishedAt,
            @Nullable Integer version) {

        public boolean running() {
            return "RUNNING".equals(state);
        }

        public int percent() {
            return steps == 0 ? 0 : Math.min(100, step * 100 / steps);
        }
    }

    /** What an import added: texts per category. */
    public record ImportReport(String source, int texts, Map<String, Integer> perCategory) {}

    /** The unit that usually handled a category in a place, from closed orders. */
    public record UnitHint(long unitId, int orders, double share) {}

    /** The active model in memory. */
    record Loaded(int version, TextModel model) {}

    private static final Logger log = LoggerFactory.getLogger(ClassifierModels.class);

    /** Fewest texts worth training on. */
    static final int MIN_TEXTS = 20;

    private static final int MAX_CLOSED = 200_000;
    /** As the upload limit of {@code jiesu.limits.max-upload}: a hotline's yearly export fits well within. */
    static final int MAX_IMPORT_BYTES = 20 * 1024 * 1024;

    private static final Duration STALE = Duration.ofHours(2);
    private static final Duration RECHECK = Duration.ofSeconds(5);
    /** A new model replaces the active one unless it scores this much worse in cross-validation. */
    private static final double TOLERANCE = 0.01;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final UnitDirectory units;
    private final Actors actors;
    private final AuditLog audit;
    private final List<TrainingTexts> closedTexts;
    private final Clock clock;
    private final int folds;
    private final Duration retrainEvery;
    private final String seedFile;
    private final double minScore;
    private final int maxTexts;
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "classifier-training");
        t.setDaemon(true);
        return t;
    });

    private volatile @Nullable Loaded loaded;
    private volatile Instant checkedAt = Instant.EPOCH;

    ClassifierModels(
            JdbcClient jdbc,
            TransactionTemplate tx,
            UnitDirectory units,
            Actors actors,
            AuditLog audit,
            List<TrainingTexts> closedTexts,
            Clock clock,
            @Value("${jiesu.classifier.cv-folds:5}") int folds,
            @Value("${jiesu.classifier.retrain-every:P7D}") Duration retrainEvery,
            @Value("${jiesu.classifier.seed-file:}") String seedFile,
            @Value("${jiesu.classifier.min-score:0.5}") double minScore,
            @Value("${jiesu.classifier.max-texts:0}") int maxTexts) {
        this.minScore = minScore;
        this.maxTexts = maxTexts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.units = units;
        this.actors = actors;
        this.audit = audit;
        this.closedTexts = closedTexts;
        this.clock = clock;
        this.folds = folds;
        this.retrainEvery = retrainEvery;
        this.seedFile = seedFile;
    }

    @PreDestroy
    void stop() {
        trainer.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------------ reading

    public List<Version> versions() {
        return jdbc.sql("""
                        select version, trained_at, trained_by, training_size, from_samples, from_orders,
                               from_corrections, labels, cv_folds, cv_macro_f1, cv_accuracy, train_millis,
                               octet_length(model) as bytes, active, activated_at
                        from classifier_model order by version desc""")
                .query((rs, n) -> new Version(
                        rs.getInt("version"),
                        rs.getTimestamp("trained_at").toInstant(),
                        rs.getString("trained_by"),
                        rs.getInt("training_size"),
                        rs.getInt("from_samples"),
                        rs.getInt("from_orders"),
                        rs.getInt("from_corrections"),
                        Arrays.asList((String[]) rs.getArray("labels").getArray()),
                        rs.getInt("cv_folds"),
                        rs.getDouble("cv_macro_f1"),
                        rs.getDouble("cv_accuracy"),
                        rs.getLong("train_millis"),
                        rs.getLong("bytes"),
                        rs.getBoolean("active"),
                        rs.getTimestamp("activated_at") == null
                                ? null
                                : rs.getTimestamp("activated_at").toInstant()))
                .list();
    }

    public Optional<Training> lastTraining() {
        return jdbc.sql("select * from classifier_training order by id desc limit 1")
                .query((rs, n) -> new Training(
                        rs.getLong("id"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getString("started_by"),
                        rs.getString("state"),
                        rs.getInt("step"),
                        rs.getInt("steps"),
                        rs.getString("message"),
                        rs.getTimestamp("finished_at") == null
                                ? null
                                : rs.getTimestamp("finished_at").toInstant(),
                        rs.getObject("version", Integer.class)))
                .optional();
    }

    /** Imported texts per category code. */
    public Map<String, Long> sampleCounts() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select category_code, count(*) from classifier_sample group by category_code")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    public long correctionCount() {
        return jdbc.sql("select count(*) from classifier_correction")
                .query(Long.class)
                .single();
    }

    /** The unit that finally handled most closed orders of this category in this place, if clear enough. */
    public Optional<UnitHint> usualUnit(String categoryCode, long placeUnitId) {
        Loaded m = current();
        if (m == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select unit_id, orders, share from classifier_unit_hint
                        where model_version = ? and category_code = ? and place_unit_id = ?""")
                .params(m.version(), categoryCode, placeUnitId)
                .query((rs, n) -> new UnitHint(rs.getLong(1), rs.getInt(2), rs.getDouble(3)))
                .optional();
    }

    /** The active model, reloaded when another instance or an administrator changed it; null before any training. */
    @Nullable
    Loaded current() {
        Instant now = clock.instant();
        Loaded m = loaded;
        if (m != null && Duration.between(checkedAt, now).abs().compareTo(RECHECK) < 0) {
            return m;
        }
        Integer active = jdbc.sql("select version from classifier_model where active")
                .query(Integer.class)
                .optional()
                .orElse(null);
        checkedAt = now;
        if (active == null) {
            loaded = null;
            return null;
        }
        if (m == null || m.version() != active) {
            byte[] bytes = jdbc.sql("select model from classifier_model where version = ?")
                    .param(active)
                    .query(byte[].class)
                    .single();
            m = new Loaded(active, TextModel.fromBytes(bytes));
            loaded = m;
            log.info(
                    "Classifier model {} loaded ({} features)",
                    active,
                    m.model().vocabularySize());
        }
        return m;
    }

    // --------------------------------------------------------------------------------------------------- changing

    /** Makes an earlier (or later) version the active one: a rollback in one action. */
    public void activate(int version, Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        tx.executeWithoutResult(s -> {
            Integer found = jdbc.sql("select version from classifier_model where version = ? for update")
                    .param(version)
                    .query(Integer.class)
                    .optional()
                    .orElseThrow(() -> JiesuException.notFound("No classifier model version " + version));
            jdbc.sql("update classifier_model set active = false where active and version <> ?")
                    .param(found)
                    .update();
            jdbc.sql("update classifier_model set active = true, activated_at = ? where version = ?")
                    .params(Timestamp.from(clock.instant()), found)
                    .update();
            audit.record(actor.username(), "CLASSIFIER_ACTIVATED", "model:" + found, "");
        });
        checkedAt = Instant.EPOCH;
    }

    /**
     * Imports labelled texts from a CSV file. The label may be a category's name or code; a file with an unknown
     * label, a row without a label or a broken line is refused whole, with the line, and nothing is imported.
     */
    public ImportReport importSamples(byte[] csv, String source, Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        if (csv.length == 0) {
            throw JiesuException.invalid(source + ": the file is empty");
        }
        if (csv.length > MAX_IMPORT_BYTES) {
            throw JiesuException.invalid(source + ": larger than " + MAX_IMPORT_BYTES / (1024 * 1024) + " MB");
        }
        List<LabelledText> rows;
        try (Reader reader = new InputStreamReader(
                new java.io.ByteArrayInputStream(csv),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            rows = TrainingFile.read(reader, source, false);
        } catch (TrainingFile.Invalid e) {
            throw JiesuException.invalid(e.getMessage());
        } catch (CharacterCodingException e) {
            throw JiesuException.invalid(source + ": not UTF-8 text");
        } catch (IOException e) {
            throw JiesuException.invalid(source + ": cannot be read");
        }
        if (rows.isEmpty()) {
            throw JiesuException.invalid(source + ": no labelled texts");
        }
        Map<String, String> codeOf = new HashMap<>();
        for (Category c : units.categories()) {
            codeOf.put(c.code(), c.code());
            codeOf.putIfAbsent(c.name(), c.code());
        }
        List<String> unknown = rows.stream()
                .map(LabelledText::label)
                .filter(l -> !codeOf.containsKey(l))
                .distinct()
                .limit(10)
                .toList();
        if (!unknown.isEmpty()) {
            throw JiesuException.invalid(
                    source + ": labels that are no category here: " + String.join(", ", unknown)
                            + ". Use a category's name or code (Admin → Categories).",
                    unknown);
        }
        Instant now = clock.instant();
        String name = source.length() > 200 ? source.substring(0, 200) : source;
        Map<String, Integer> per = new TreeMap<>();
        tx.executeWithoutResult(s -> {
            for (LabelledText row : rows) {
                String code = codeOf.get(row.label());
                String text = row.text().length() > 20_000 ? row.text().substring(0, 20_000) : row.text();
                jdbc.sql("""
                                insert into classifier_sample (text, category_code, source, imported_at, imported_by)
                                values (?, ?, ?, ?, ?)""")
                        .params(text, code, name, Timestamp.from(now), actor.username())
                        .update();
                per.merge(code, 1, Integer::sum);
            }
            audit.record(actor.username(), "CLASSIFIER_SAMPLES_IMPORTED", "file:" + name, rows.size() + " texts");
        });
        return new ImportReport(name, rows.size(), per);
    }

    /** Removes every imported text (the closed orders and corrections stay). */
    public int clearSamples(Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        return tx.execute(s -> {
            int removed = jdbc.sql("delete from classifier_sample").update();
            audit.record(actor.username(), "CLASSIFIER_SAMPLES_CLEARED", "samples", removed + " texts");
            return removed;
        });
    }

    /** Starts a training in the background; refused while one runs anywhere. */
    public Training startTraining(Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        return claim(actor.username());
    }

    private Training claim(String by) {
        Instant now = clock.instant();
        jdbc.sql("""
                        update classifier_training set state = 'FAILED', finished_at = ?,
                               message = 'Interrupted: the instance that trained stopped.'
                        where state = 'RUNNING' and started_at < ?""")
                .params(Timestamp.from(now), Timestamp.from(now.minus(STALE)))
                .update();
        long id;
        try {
            id = tx.execute(s -> {
                long claimed = jdbc.sql("""
                                insert into classifier_training (started_at, started_by, state, steps, message)
                                values (?, ?, 'RUNNING', ?, 'Collecting the training texts')
                                returning id""")
                        .params(Timestamp.from(now), by, folds + 2)
                        .query(Long.class)
                        .single();
                audit.record(by, "CLASSIFIER_TRAINING_STARTED", "training:" + claimed, "");
                return claimed;
            });
        } catch (DuplicateKeyException e) {
            throw JiesuException.conflict("A training is already running; wait for it to finish.");
        }
        trainer.execute(() -> train(id, by));
        return lastTraining().orElseThrow();
    }

    /** Retrains on a schedule: when the newest model is older than {@code jiesu.classifier.retrain-every}. */
    @Scheduled(
            fixedDelayString = "${jiesu.classifier.check-interval:PT1H}",
            initialDelayString = "${jiesu.classifier.check-interval:PT1H}")
    void retrainWhenDue() {
        if (retrainEvery.isZero() || retrainEvery.isNegative()) {
            return;
        }
        Instant newest = jdbc.sql("select max(trained_at) from classifier_model")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
        if (newest != null && newest.plus(retrainEvery).isAfter(clock.instant())) {
            return;
        }
        if (!enoughToTrain()) {
            return;
        }
        try {
            claim("schedule");
        } catch (JiesuException e) {
            log.debug("Scheduled retraining skipped: {}", e.getMessage());
        }
    }

    /**
     * A configured seed file is imported and trained on once, into a database that has no samples yet. In the
     * background: reading and storing a hotline's labelled texts took 2 s of a first start before it was ready.
     */
    @EventListener(ApplicationReadyEvent.class)
    void seedInBackground() {
        if (!seedFile.isBlank()) {
            trainer.execute(this::seed);
        }
    }

    void seed() {
        if (seedFile.isBlank()) {
            return;
        }
        Path file = Path.of(seedFile);
        if (!Files.isReadable(file)) {
            log.info("Classifier seed file {} not found; the classifier learns from closed orders", file);
            return;
        }
        if (jdbc.sql("select exists (select 1 from classifier_sample)")
                .query(Boolean.class)
                .single()) {
            return;
        }
        try {
            ImportReport report =
                    importSamples(Files.readAllBytes(file), file.getFileName().toString(), Actor.SYSTEM);
            log.info(
                    "Classifier: imported {} labelled texts from {}; training in the background", report.texts(), file);
            if (versions().isEmpty()) {
                claim(Actor.SYSTEM.username());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Classifier seed file {} not imported: {}", file, e.getMessage());
        }
    }

    // --------------------------------------------------------------------------------------------------- training

    /**
     * What a training learns from: the rows, and how many came from the labelled samples, closed orders and
     * corrections; {@code leftOut} texts did not fit the heap. {@code closed} is every closed request read, for the
     * unit hints: those not trained on have their words dropped.
     */
    record Collected(
            List<LabelledText> rows,
            int samples,
            int orders,
            int corrections,
            int leftOut,
            int limit,
            List<TrainingTexts.ClosedText> closed) {}

    private Collected collect() {
        List<LabelledText> samples = new ArrayList<>();
        jdbc.sql("select text, category_code from classifier_sample order by id")
                .query((rs, n) -> samples.add(new LabelledText(rs.getString(1), rs.getString(2))))
                .list();
        Map<Long, LabelledText> corrected = new LinkedHashMap<>();
        jdbc.sql("select request_id, text, chosen_code from classifier_correction order by corrected_at")
                .query((rs, n) -> corrected.put(rs.getLong(1), new LabelledText(rs.getString(2), rs.getString(3))))
                .list();
        List<TrainingTexts.ClosedText> closed = new ArrayList<>();
        for (TrainingTexts source : closedTexts) {
            closed.addAll(source.closed(MAX_CLOSED));
        }
        return select(
                samples,
                corrected,
                closed,
                maxTexts(maxTexts, Runtime.getRuntime().maxMemory()));
    }

    /**
     * At most {@code limit} texts, in this order of preference: the operators' corrections, the labelled samples, then
     * the closed requests newest first (a corrected request counts once, as its correction). Closed requests beyond
     * the limit keep their category, unit and place for the unit hints, without their words.
     */
    static Collected select(
            List<LabelledText> samples,
            Map<Long, LabelledText> corrected,
            List<TrainingTexts.ClosedText> closed,
            int limit) {
        List<LabelledText> rows = new ArrayList<>();
        List<LabelledText> corrections = new ArrayList<>(corrected.values());
        int fromCorrections = Math.min(corrections.size(), limit);
        int fromSamples = Math.min(samples.size(), limit - fromCorrections);
        rows.addAll(samples.subList(samples.size() - fromSamples, samples.size()));
        int leftOut = corrections.size() - fromCorrections + samples.size() - fromSamples;
        int orders = 0;
        List<TrainingTexts.ClosedText> forHints = new ArrayList<>(closed.size());
        for (TrainingTexts.ClosedText c : closed) {
            boolean usable = !corrected.containsKey(c.requestId()) && !c.text().isBlank();
            if (usable && rows.size() + fromCorrections < limit) {
                rows.add(new LabelledText(c.text(), c.categoryCode()));
                orders++;
                forHints.add(c);
            } else {
                leftOut += usable ? 1 : 0;
                forHints.add(
                        new TrainingTexts.ClosedText(c.requestId(), "", c.categoryCode(), c.unitId(), c.placeUnitId()));
            }
        }
        rows.addAll(corrections.subList(0, fromCorrections));
        return new Collected(rows, fromSamples, orders, fromCorrections, leftOut, limit, forHints);
    }

    /**
     * How many texts a training may take: {@code jiesu.classifier.max-texts} where set; otherwise as many as two fifths
     * of the heap hold at {@link #HEAP_PER_TEXT} each (5,825 in a 512 MB heap), the rest being the application's: at a
     * million orders it held 140 MB after a full collection, and more between collections under load. Never fewer
     * than {@link #MIN_TEXTS}. A deployment with a million closed orders would otherwise read 200,000 texts and run
     * out of heap in the middle of a training.
     */
    static int maxTexts(int configured, long maxHeap) {
        if (configured > 0) {
            return Math.max(MIN_TEXTS, configured);
        }
        return (int) Math.max(MIN_TEXTS, Math.min(MAX_CLOSED, maxHeap / 5 * 2 / HEAP_PER_TEXT));
    }

    /** Whether there are texts enough to train on, counted without reading them all. */
    private boolean enoughToTrain() {
        long stored = jdbc.sql("""
                        select (select count(*) from classifier_sample) + (select count(*) from classifier_correction)""").query(Long.class).single();
        int closed = 0;
        for (TrainingTexts source : closedTexts) {
            closed += source.closed(MIN_TEXTS).size();
        }
        return stored + closed >= MIN_TEXTS;
    }

    private void step(long id, int step, String message) {
        jdbc.sql("update classifier_training set step = ?, message = ? where id = ?")
                .params(step, message, id)
                .update();
    }

    void train(long id, String by) {
        int texts = 0;
        try {
            Collected data = collect();
            texts = data.rows().size();
            long labels =
                    data.rows().stream().map(LabelledText::label).distinct().count();
            if (data.rows().size() < MIN_TEXTS || labels < 2) {
                throw new IllegalStateException(String.format(
                        Locale.ROOT,
                        "Too little to learn from: %d texts in %d categories (at least %d texts in 2 categories)."
                                + " Import a labelled file or close more orders.",
                        data.rows().size(),
                        labels,
                        MIN_TEXTS));
            }
            int k = (int) Math.min(folds, data.rows().size() / 2);
            step(
                    id,
                    0,
                    String.format(
                                    Locale.ROOT,
                                    "Cross-validating on %d texts",
                                    data.rows().size())
                            + (data.leftOut() > 0 ? " (" + leftOut(data) + ")" : ""));
            long start = System.nanoTime();
            CrossValidation.Result cv = CrossValidation.run(
                    data.rows(),
                    k,
                    TextModelTrainer.Settings.DEFAULTS,
                    20200427L,
                    f -> step(id, f, String.format(Locale.ROOT, "Cross-validation: fold %d of %d done", f, k)));
            step(id, k, "Training on all texts");
            TextModel model = TextModelTrainer.train(
                    data.rows(), TextModelTrainer.Settings.DEFAULTS.withTemperature(cv.temperature()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            byte[] bytes = model.toBytes();
            step(id, k + 1, "Saving the model");
            int version = tx.execute(s -> save(id, by, data, cv, k, millis, model, bytes));
            log.info(
                    "Classifier model {} trained on {} texts: cross-validated macro-F1 {}{}",
                    version,
                    data.rows().size(),
                    String.format(Locale.ROOT, "%.4f", cv.evaluation().macroF1()),
                    data.leftOut() > 0 ? ". " + leftOut(data) : "");
        } catch (RuntimeException e) {
            log.warn("Classifier training {} failed", id, e);
            failed(id, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (OutOfMemoryError e) {
            // Caught here only: what training allocated is garbage once it unwinds, so the application goes on, with
            // the keyword suggester or the model in use, and the administrator learns what the heap lacks.
            String message = outOfMemory(texts);
            log.warn("Classifier training {} failed: {}", id, message);
            failed(id, message);
        }
    }

    /**
     * Heap a training needs per text: the 7,360 hotline texts, cross-validation included, train in a 200 MB heap and
     * not in 160 MB (docs/benchmarks.md); this asks for about a quarter more, as texts differ in length.
     */
    static final long HEAP_PER_TEXT = 36 * 1024;

    /** Heap a training needs at the least, whatever few texts it has: the segmenter's dictionaries and the like. */
    static final long MIN_TRAINING_HEAP = 96L * 1024 * 1024;

    static String outOfMemory(int texts) {
        long needed = Math.max(MIN_TRAINING_HEAP, texts * HEAP_PER_TEXT) >> 20;
        return String.format(
                Locale.ROOT,
                "Out of memory: training on %d texts needs about %d MB of free heap, and this instance's heap is %d MB"
                        + " (-Xmx) with the rest of the application in it. Give the JVM a larger -Xmx (or train on"
                        + " fewer texts) and train again. Suggestions come from keywords or the model in use until then.",
                texts,
                needed,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private String leftOut(Collected data) {
        return String.format(
                Locale.ROOT,
                "%d more texts were left out: a training takes at most %d, two fifths of this instance's heap of"
                        + " %d MB."
                        + " A larger -Xmx, or jiesu.classifier.max-texts, lets it take more.",
                data.leftOut(),
                data.limit(),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private void failed(long id, String message) {
        jdbc.sql("""
                        update classifier_training set state = 'FAILED', finished_at = ?, message = ?
                        where id = ?""").params(Timestamp.from(clock.instant()), message, id).update();
    }

    private int save(
            long id,
            String by,
            Collected data,
            CrossValidation.Result cv,
            int k,
            long millis,
            TextModel model,
            byte[] bytes) {
        Instant now = clock.instant();
        Double activeScore = jdbc.sql("select cv_macro_f1 from classifier_model where active")
                .query(Double.class)
                .optional()
                .orElse(null);
        double score = cv.evaluation().macroF1();
        boolean activate = score >= minScore && (activeScore == null || score >= activeScore - TOLERANCE);
        int version = jdbc.sql("""
                        insert into classifier_model (trained_at, trained_by, training_size, from_samples,
                                                      from_orders, from_corrections, labels, cv_folds, cv_macro_f1,
                                                      cv_accuracy, train_millis, model)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning version""")
                .params(
                        Timestamp.from(now),
                        by,
                        data.rows().size(),
                        data.samples(),
                        data.orders(),
                        data.corrections(),
                        model.labels().toArray(String[]::new),
                        k,
                        score,
                        cv.evaluation().accuracy(),
                        millis,
                        bytes)
                .query(Integer.class)
                .single();
        saveUnitHints(version, data.closed());
        String message;
        if (activate) {
            jdbc.sql("update classifier_model set active = false where active").update();
            jdbc.sql("update classifier_model set active = true, activated_at = ? where version = ?")
                    .params(Timestamp.from(now), version)
                    .update();
            message = String.format(Locale.ROOT, "Model %d is now in use (macro-F1 %.4f).", version, score);
        } else if (score < minScore) {
            message = String.format(
                    Locale.ROOT,
                    "Model %d scored %.4f, below the least score a model in use needs (%.2f); it was kept but not put"
                            + " in use. Import more labelled texts.",
                    version,
                    score,
                    minScore);
        } else {
            message = String.format(
                    Locale.ROOT,
                    "Model %d scored %.4f, below the model in use (%.4f); the model in use was kept."
                            + " Activate it by hand if you want it.",
                    version,
                    score,
                    activeScore);
        }
        if (data.leftOut() > 0) {
            message += " " + leftOut(data);
        }
        jdbc.sql("""
                        update classifier_training set state = 'DONE', step = steps, finished_at = ?, message = ?,
                               version = ?
                        where id = ?""").params(Timestamp.from(now), message, version, id).update();
        audit.record(by, "CLASSIFIER_TRAINED", "model:" + version, message);
        checkedAt = Instant.EPOCH;
        return version;
    }

    /** For each category and place, the unit that finally handled most of its closed orders (three at least). */
    private void saveUnitHints(int version, List<TrainingTexts.ClosedText> closed) {
        Map<String, Map<Long, Integer>> counts = new HashMap<>();
        for (TrainingTexts.ClosedText c : closed) {
            if (c.unitId() != null && c.placeUnitId() != null) {
                counts.computeIfAbsent(c.categoryCode() + "|" + c.placeUnitId(), x -> new HashMap<>())
                        .merge(c.unitId(), 1, Integer::sum);
            }
        }
        counts.forEach((key, perUnit) -> {
            int total = perUnit.values().stream().mapToInt(i -> i).sum();
            Map.Entry<Long, Integer> best = perUnit.entrySet().stream()
                    .max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow();
            if (best.getValue() >= 3) {
                String[] parts = key.split("\\|");
                jdbc.sql("""
                                insert into classifier_unit_hint (model_version, category_code, place_unit_id, unit_id,
                                                                  orders, share)
                                values (?, ?, ?, ?, ?, ?)""")
                        .params(
                                version,
                                parts[0],
                                Long.parseLong(parts[1]),
                                best.getKey(),
                                best.getValue(),
                                (double) best.getValue() / total)
                        .update();
            }
        });
    }
}
