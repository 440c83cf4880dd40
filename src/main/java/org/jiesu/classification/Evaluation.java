package org.jiesu.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * How well predictions match the truth: accuracy, precision, recall and F1 per label, their unweighted mean over the
 * labels (macro-F1, fair to small categories), and the confusion table. A text the model declined to classify counts
 * as wrong.
 */
public final class Evaluation {

    /** The label given to a text the model declined to classify. */
    public static final String NONE = "(none)";

    private final List<String> labels;
    private final long[][] confusion;
    private long total;
    private long correct;

    public Evaluation(List<String> labels) {
        TreeSet<String> sorted = new TreeSet<>(labels);
        sorted.remove(NONE);
        this.labels = new ArrayList<>(sorted);
        this.labels.add(NONE);
        this.confusion = new long[this.labels.size()][this.labels.size()];
    }

    public void add(String actual, String predicted) {
        int a = index(actual);
        int p = index(predicted == null ? NONE : predicted);
        confusion[a][p]++;
        total++;
        if (a == p) {
            correct++;
        }
    }

    /** Adds every count of another evaluation over the same labels, as when folds are pooled. */
    public void addAll(Evaluation other) {
        for (int a = 0; a < other.labels.size(); a++) {
            for (int p = 0; p < other.labels.size(); p++) {
                long n = other.confusion[a][p];
                if (n > 0) {
                    int i = index(other.labels.get(a));
                    int j = index(other.labels.get(p));
                    confusion[i][j] += n;
                    total += n;
                    if (i == j) {
                        correct += n;
                    }
                }
            }
        }
    }

    private int index(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("Unknown label " + label);
        }
        return i;
    }

    public long total() {
        return total;
    }

    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    public double precision(String label) {
        int i = index(label);
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[i];
        }
        return predicted == 0 ? 0 : (double) confusion[i][i] / predicted;
    }

    public double recall(String label) {
        int i = index(label);
        long actual = 0;
        for (long c : confusion[i]) {
            actual += c;
        }
        return actual == 0 ? 0 : (double) confusion[i][i] / actual;
    }

    public double f1(String label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private long support(String label) {
        long s = 0;
        for (long c : confusion[index(label)]) {
            s += c;
        }
        return s;
    }

    /** Mean F1 over the labels that occur in the truth. */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (String label : labels) {
            if (!label.equals(NONE) && support(label) > 0) {
                sum += f1(label);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** The report the evaluation command prints; its last line is {@code macro-F1: 0.xxxx}. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "texts: %d%naccuracy: %.4f%n%n", total, accuracy()));
        out.append(
                String.format(Locale.ROOT, "%-16s %9s %9s %9s %8s%n", "label", "precision", "recall", "F1", "texts"));
        for (String label : labels) {
            if (label.equals(NONE)) {
                continue;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "%s %9.4f %9.4f %9.4f %8d%n",
                    pad(label, 16),
                    precision(label),
                    recall(label),
                    f1(label),
                    support(label)));
        }
        out.append("\nconfusion (rows: true label, columns: predicted; ")
                .append(NONE)
                .append(": declined)\n");
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            out.append(String.format(Locale.ROOT, "%2d %s%n", i + 1, labels.get(i)));
            shown.add(String.format(Locale.ROOT, "%6d", i + 1));
        }
        out.append("   ").append(String.join("", shown)).append('\n');
        for (int a = 0; a < labels.size(); a++) {
            out.append(String.format(Locale.ROOT, "%2d ", a + 1));
            for (int p = 0; p < labels.size(); p++) {
                out.append(String.format(Locale.ROOT, "%6d", confusion[a][p]));
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "%nmacro-F1: %.4f", macroF1()));
        return out.toString();
    }

    /** Pads by display width: a Chinese character takes two columns in a terminal. */
    private static String pad(String s, int width) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += s.charAt(i) > 0x2e80 ? 2 : 1;
        }
        return w >= width ? s : s + " ".repeat(width - w);
    }
}
