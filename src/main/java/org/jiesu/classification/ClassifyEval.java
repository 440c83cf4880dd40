package org.jiesu.classification;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code java -jar jiesu.jar classify-eval}: measures the classifier on labelled CSV files without a server or a
 * database. Either trains on one file and scores another ({@code --train F --test F}) or cross-validates on one
 * ({@code --train F --cv K}). Prints accuracy, precision, recall and F1 per label, the confusion table, and as its
 * last line {@code macro-F1: 0.xxxx}.
 */
public final class ClassifyEval {

    static final String USAGE = """
            Usage: java -jar jiesu.jar classify-eval --train FILE (--test FILE | --cv K) [options]
              --train FILE      labelled CSV (columns 留言主题, 留言详情, 一级标签, or text, label)
              --test FILE       score a model trained on --train on this file
              --cv K            K-fold cross-validation on --train (folds keep repeated titles together)
              --full-text-only  use only rows that have a 留言详情 (column 有详情 = 1)
              --cost C          SVM cost (default %s)
              --min-df N        keep features seen in at least N training texts (default %d)
              --seed S          fold assignment seed (default 20200427)
            """.formatted(
            TextModelTrainer.Settings.DEFAULTS.cost(), TextModelTrainer.Settings.DEFAULTS.minDocumentFrequency());

    private ClassifyEval() {}

    /** Runs the command; returns the process exit code (0 done, 2 bad arguments or input). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path train = null;
        Path test = null;
        int cv = 0;
        boolean fullText = false;
        double cost = TextModelTrainer.Settings.DEFAULTS.cost();
        int minDf = TextModelTrainer.Settings.DEFAULTS.minDocumentFrequency();
        long seed = 20200427L;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--train" -> train = Path.of(value(args, ++i, "--train"));
                    case "--test" -> test = Path.of(value(args, ++i, "--test"));
                    case "--cv" -> cv = Integer.parseInt(value(args, ++i, "--cv"));
                    case "--full-text-only" -> fullText = true;
                    case "--cost" -> cost = Double.parseDouble(value(args, ++i, "--cost"));
                    case "--min-df" -> minDf = Integer.parseInt(value(args, ++i, "--min-df"));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (train == null || (test == null) == (cv == 0)) {
                throw new IllegalArgumentException("give --train and either --test or --cv");
            }
            if (cv != 0 && (cv < 2 || cv > 20)) {
                throw new IllegalArgumentException("--cv must be between 2 and 20");
            }
            TextModelTrainer.Settings settings =
                    new TextModelTrainer.Settings(minDf, cost, TextModelTrainer.Settings.DEFAULTS.temperature());
            List<LabelledText> rows = TrainingFile.read(train, fullText);
            if (rows.size() < Math.max(cv, 2)) {
                throw new TrainingFile.Invalid(train + ": only " + rows.size() + " labelled texts");
            }
            err.printf(Locale.ROOT, "%d labelled texts from %s%n", rows.size(), train);
            Evaluation evaluation;
            if (cv > 0) {
                int k = cv;
                CrossValidation.Result result = CrossValidation.run(
                        rows, k, settings, seed, f -> err.printf(Locale.ROOT, "fold %d of %d done%n", f, k));
                err.printf(Locale.ROOT, "%d-fold cross-validation in %.1f s%n", k, result.millis() / 1000.0);
                evaluation = result.evaluation();
                out.printf(
                        Locale.ROOT,
                        "confidence (probabilities calibrated on the held-out folds, temperature %.3f):%n",
                        result.temperature());
                out.printf(Locale.ROOT, "%10s %10s %10s%n", "threshold", "texts", "accuracy");
                for (CrossValidation.Coverage c : result.coverage()) {
                    out.printf(
                            Locale.ROOT,
                            "%10.1f %9.1f%% %9.1f%%%n",
                            c.threshold(),
                            c.share() * 100,
                            c.accuracy() * 100);
                }
                out.println();
            } else {
                List<LabelledText> testRows = TrainingFile.read(test, fullText);
                long start = System.nanoTime();
                TextModel model = TextModelTrainer.train(rows, settings);
                err.printf(
                        Locale.ROOT,
                        "trained on %d texts in %.1f s (%d features)%n",
                        rows.size(),
                        (System.nanoTime() - start) / 1e9,
                        model.vocabularySize());
                List<String> labels = new ArrayList<>(model.labels());
                testRows.forEach(r -> labels.add(r.label()));
                evaluation = new Evaluation(labels.stream().distinct().toList());
                for (LabelledText row : testRows) {
                    List<TextModel.Scored> p = model.predict(row.text());
                    evaluation.add(row.label(), p.isEmpty() ? null : p.get(0).label());
                }
            }
            out.println(evaluation.report());
            return 0;
        } catch (TrainingFile.Invalid e) {
            err.println("classify-eval: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("classify-eval: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.copyOf(args, args.length), System.out, System.err));
    }
}
