package org.jiesu.classification;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * K-fold cross-validation that cannot flatter the model: texts with the same head (a repeated title, a copied
 * message) stay in one fold, each fold keeps every label's share, and each fold's model learns its vocabulary from
 * its own training part only. It also fits the temperature that turns decision values into honest probabilities.
 */
public final class CrossValidation {

    /** The pooled evaluation, the temperature fitted on the held-out decision values, and how long it took. */
    public record Result(Evaluation evaluation, double temperature, long millis, List<Coverage> coverage) {}

    /**
     * At a confidence threshold: the share of held-out texts the model is at least that sure of, and how many of
     * those it got right. What an administrator weighs when choosing {@code jiesu.classifier.threshold}.
     */
    public record Coverage(double threshold, double share, double accuracy) {}

    private CrossValidation() {}

    /**
     * Fold number (0 to k-1) of each row: stratified by label, grouped by the text's normalised head. A label with
     * fewer distinct texts than folds cannot be scored honestly: its rows get -1, are always trained on and never
     * scored.
     */
    static int[] folds(List<LabelledText> rows, int k, long seed) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String key = TextFeatures.normalise(TextFeatures.head(rows.get(i).text()));
            groups.computeIfAbsent(key.isEmpty() ? "#" + i : key, x -> new ArrayList<>())
                    .add(i);
        }
        Map<String, List<List<Integer>>> byLabel = new LinkedHashMap<>();
        for (List<Integer> group : groups.values()) {
            byLabel.computeIfAbsent(rows.get(group.get(0)).label(), x -> new ArrayList<>())
                    .add(group);
        }
        int[] fold = new int[rows.size()];
        Random random = new Random(seed);
        int next = 0;
        for (List<List<Integer>> labelGroups : byLabel.values()) {
            if (labelGroups.size() < k) {
                labelGroups.forEach(group -> group.forEach(i -> fold[i] = -1));
                continue;
            }
            Collections.shuffle(labelGroups, random);
            for (List<Integer> group : labelGroups) {
                for (int i : group) {
                    fold[i] = next;
                }
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /**
     * Trains k models, each scored on the fold it did not see. {@code progress} hears each finished fold. The
     * pooled evaluation counts every text once, except those of labels too rare to score (see {@link #folds}).
     */
    public static Result run(
            List<LabelledText> rows, int k, TextModelTrainer.Settings settings, long seed, IntConsumer progress) {
        if (k < 2 || k > rows.size()) {
            throw new IllegalArgumentException("Cross-validation needs between 2 and " + rows.size() + " folds");
        }
        long start = System.nanoTime();
        int[] fold = folds(rows, k, seed);
        // Every label may be predicted; only those with scored texts have support and count in macro-F1.
        List<String> labels =
                rows.stream().map(LabelledText::label).distinct().sorted().toList();
        List<Map<String, Double>> decisions = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            scoreFold(rows, fold, f, settings, decisions, truth);
            progress.accept(f + 1);
        }
        Evaluation evaluation = new Evaluation(labels);
        for (int i = 0; i < truth.size(); i++) {
            evaluation.add(truth.get(i), best(decisions.get(i)));
        }
        double temperature = fitTemperature(decisions, truth);
        List<Coverage> coverage = new ArrayList<>();
        for (double t : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
            int sure = 0;
            int right = 0;
            for (int i = 0; i < truth.size(); i++) {
                if (decisions.get(i).isEmpty()) {
                    continue;
                }
                TextModel.Scored top =
                        TextModel.softmax(decisions.get(i), temperature).get(0);
                if (top.probability() >= t) {
                    sure++;
                    if (top.label().equals(truth.get(i))) {
                        right++;
                    }
                }
            }
            coverage.add(new Coverage(
                    t, truth.isEmpty() ? 0 : (double) sure / truth.size(), sure == 0 ? 0 : (double) right / sure));
        }
        return new Result(evaluation, temperature, (System.nanoTime() - start) / 1_000_000, coverage);
    }

    /**
     * One fold: a model on the other folds, its decision values on this one. Only the decision values outlive the
     * call, so one fold's model and vectors are garbage before the next fold's training starts.
     */
    private static void scoreFold(
            List<LabelledText> rows,
            int[] fold,
            int f,
            TextModelTrainer.Settings settings,
            List<Map<String, Double>> decisions,
            List<String> truth) {
        List<LabelledText> train = new ArrayList<>();
        List<LabelledText> test = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (fold[i] == f ? test : train).add(rows.get(i));
        }
        TextModel model = TextModelTrainer.train(train, settings);
        for (LabelledText row : test) {
            decisions.add(model.decisionValues(row.text()));
            truth.add(row.label());
        }
    }

    private static String best(Map<String, Double> decisions) {
        return decisions.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /** The temperature with the least log-loss on held-out texts, searched on a log scale. */
    static double fitTemperature(List<Map<String, Double>> decisions, List<String> truth) {
        double bestT = TextModelTrainer.Settings.DEFAULTS.temperature();
        double bestLoss = Double.MAX_VALUE;
        for (double t = 0.01; t <= 5; t *= 1.1) {
            double loss = 0;
            int n = 0;
            for (int i = 0; i < truth.size(); i++) {
                if (decisions.get(i).isEmpty()) {
                    continue;
                }
                String want = truth.get(i);
                double p = TextModel.softmax(decisions.get(i), t).stream()
                        .filter(s -> s.label().equals(want))
                        .mapToDouble(TextModel.Scored::probability)
                        .findFirst()
                        .orElse(0);
                loss -= Math.log(Math.max(p, 1e-12));
                n++;
            }
            if (n > 0 && loss / n < bestLoss) {
                bestLoss = loss / n;
                bestT = t;
            }
        }
        return bestT;
    }
}
