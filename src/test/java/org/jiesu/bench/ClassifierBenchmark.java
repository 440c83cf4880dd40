package org.jiesu.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jiesu.classification.LabelledText;
import org.jiesu.classification.TextModel;
import org.jiesu.classification.TextModelTrainer;
import org.jiesu.classification.TrainingFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The request classifier on the hotline data (a path given on the command line, never a copy in the project): time
 * to train on the whole file, and one prediction's latency as JMH samples it (p50, p99), over every text of the file
 * in turn, from a title alone to a long message. Run by hand, see docs/benchmarks.md; Surefire never runs it (the
 * name does not end in Test).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xms512m", "-Xmx512m"})
public class ClassifierBenchmark {

    @Param("../shared/data/gov-messages/train.csv")
    public String file;

    private TextModel model;
    private String[] texts;
    private int next;

    @Setup
    public void train() {
        List<LabelledText> rows = TrainingFile.read(Path.of(file), false);
        model = TextModelTrainer.train(rows, TextModelTrainer.Settings.DEFAULTS);
        texts = rows.stream().map(LabelledText::text).toArray(String[]::new);
    }

    @Benchmark
    public Object predict() {
        String text = texts[next];
        next = (next + 1) % texts.length;
        return model.predict(text);
    }

    /** Training time on the whole file (three runs, each in a fresh model), then the JMH latency run. */
    public static void main(String[] args) throws Exception {
        String file = args.length > 0 ? args[0] : "../shared/data/gov-messages/train.csv";
        List<LabelledText> rows = TrainingFile.read(Path.of(file), false);
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            TextModel m = TextModelTrainer.train(rows, TextModelTrainer.Settings.DEFAULTS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    Locale.ROOT,
                    "training run %d: %d texts in %.1f s, %d features, model %.1f MB saved, heap used %d MB%n",
                    run,
                    rows.size(),
                    ms / 1000.0,
                    m.vocabularySize(),
                    m.toBytes().length / 1e6,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
        new Runner(new OptionsBuilder()
                        .include(ClassifierBenchmark.class.getName())
                        .param("file", file)
                        .build())
                .run();
    }
}
