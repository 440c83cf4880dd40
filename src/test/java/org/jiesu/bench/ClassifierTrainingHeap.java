package org.jiesu.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.jiesu.classification.CrossValidation;
import org.jiesu.classification.LabelledText;
import org.jiesu.classification.TextModel;
import org.jiesu.classification.TextModelTrainer;
import org.jiesu.classification.TrainingFile;

/**
 * The heap the classifier's first-start training needs: what {@code ClassifierModels} does with a seed file (5-fold
 * cross-validation with the default seed, then a model on every text, then the model as bytes), on the hotline data.
 * Prints the largest heap in use right after a collection (what was still reachable then, garbage the collector had
 * not yet reached included; metaspace and code cache not counted) and the time of each step. Run by hand with a small {@code -Xmx}, see docs/benchmarks.md;
 * Surefire never runs it (the name does not end in Test).
 */
public final class ClassifierTrainingHeap {

    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();

    private ClassifierTrainingHeap() {}

    public static void main(String[] args) {
        String file = args.length > 0 ? args[0] : "../shared/data/gov-messages/train.csv";
        watchCollections();
        List<LabelledText> rows = TrainingFile.read(Path.of(file), false);
        long start = System.nanoTime();
        CrossValidation.Result cv = CrossValidation.run(rows, 5, TextModelTrainer.Settings.DEFAULTS, 20200427L, f -> {
            System.out.printf(
                    Locale.ROOT,
                    "fold %d done at %.1f s, peak heap after GC so far %d MB%n",
                    f,
                    (System.nanoTime() - start) / 1e9,
                    PEAK_AFTER_GC.get() >> 20);
        });
        long cvDone = System.nanoTime();
        TextModel model = TextModelTrainer.train(
                rows,
                new TextModelTrainer.Settings(
                        TextModelTrainer.Settings.DEFAULTS.minDocumentFrequency(),
                        TextModelTrainer.Settings.DEFAULTS.cost(),
                        cv.temperature()));
        long trained = System.nanoTime();
        byte[] bytes = model.toBytes();
        long saved = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "%d texts: 5-fold macro-F1 %.4f, accuracy %.4f, temperature %.4f%n"
                        + "cross-validation %.1f s, training on all %.1f s (%d features), saving %.1f s (%.1f MB)%n"
                        + "peak heap in use after a collection: %d MB (max heap %d MB)%n",
                rows.size(),
                cv.evaluation().macroF1(),
                cv.evaluation().accuracy(),
                cv.temperature(),
                (cvDone - start) / 1e9,
                (trained - cvDone) / 1e9,
                model.vocabularySize(),
                (saved - trained) / 1e9,
                bytes.length / 1e6,
                PEAK_AFTER_GC.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The heap's pools (eden, survivor, old), not metaspace or the code cache. */
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    private static void watchCollections() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc)
                    .addNotificationListener(
                            (notification, handback) -> {
                                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                        notification.getType())) {
                                    return;
                                }
                                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                        .filter(e -> HEAP_POOLS.contains(e.getKey()))
                                        .mapToLong(e -> e.getValue().getUsed())
                                        .sum();
                                PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
                            },
                            null,
                            null);
        }
    }
}
