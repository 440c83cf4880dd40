package org.jiesu.classification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.RealInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits a {@link TextModel}: TF-IDF weights (sublinear term frequency, smoothed inverse document frequency, unit
 * length) over {@link TextFeatures}, and a one-vs-rest linear SVM (L2-regularised, squared hinge loss, dual solver)
 * from Tribuo's liblinear trainer, with each category's weight inversely proportional to its size.
 */
public final class TextModelTrainer {

    /** Settings of one training; {@link #DEFAULTS} were chosen by 5-fold cross-validation on the hotline data. */
    public record Settings(int minDocumentFrequency, double cost, double temperature) {

        public static final Settings DEFAULTS = new Settings(2, 1.0, 0.1);

        public Settings {
            if (minDocumentFrequency < 1 || cost <= 0 || temperature <= 0) {
                throw new IllegalArgumentException("Invalid training settings");
            }
        }

        Settings withTemperature(double t) {
            return new Settings(minDocumentFrequency, cost, t);
        }
    }

    private static final LabelFactory LABELS = new LabelFactory();

    private TextModelTrainer() {}

    /** A model from these texts; at least two labels are needed. */
    public static TextModel train(List<LabelledText> rows, Settings settings) {
        if (rows.stream().map(LabelledText::label).distinct().count() < 2) {
            throw new IllegalArgumentException("Training needs texts of at least two categories");
        }
        // Two passes over the texts rather than every text's counts in memory at once: training must fit in the
        // application's heap. The vocabulary's own strings name the features, so each name exists once.
        Map<String, Integer> df = new HashMap<>();
        for (LabelledText row : rows) {
            TextFeatures.counts(row.text()).keySet().forEach(f -> df.merge(f, 1, Integer::sum));
        }
        int n = rows.size();
        Map<String, TextModel.Term> idf = new HashMap<>();
        df.forEach((feature, d) -> {
            if (d >= settings.minDocumentFrequency()) {
                idf.put(feature, new TextModel.Term(feature, (float) (Math.log((1.0 + n) / (1.0 + d)) + 1)));
            }
        });
        df.clear();
        Model<Label> model = fit(rows, idf, settings);
        return new TextModel(idf, model, settings.temperature());
    }

    /**
     * The linear model over the texts' vectors. Its own method so that the vectors and Tribuo's copy of them are
     * unreachable once it returns, before the caller reads the weights out.
     */
    private static Model<Label> fit(List<LabelledText> rows, Map<String, TextModel.Term> idf, Settings settings) {
        int n = rows.size();
        MutableDataset<Label> data =
                new MutableDataset<>(new SimpleDataSourceProvenance("jiesu training texts", LABELS), LABELS);
        // Tribuo describes a feature it meets first as categorical and counts each distinct value it takes: a map
        // entry per value. TF-IDF values are nearly all distinct, so on the hotline data those counts took about a
        // hundred MB of heap while training, and the trained model kept them. Declared real-valued, a feature keeps
        // five numbers instead. The feature ids, hence the weights learnt, do not change: ids follow sorted names.
        for (TextModel.Term term : idf.values()) {
            data.getFeatureMap().put(new RealInfo(term.name()));
        }
        for (int i = 0; i < n; i++) {
            ArrayExample<Label> example = vector(
                    TextFeatures.counts(rows.get(i).text()),
                    idf,
                    new Label(rows.get(i).label()));
            if (example.size() > 0) {
                data.add(example);
            }
        }
        LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_L2LOSS_SVC_DUAL),
                settings.cost(),
                1000,
                0.1);
        // Each category weighs as much in the loss as any other, however few texts it has: fair to small ones.
        Map<Label, Float> weights = new HashMap<>();
        Map<String, Long> per = new HashMap<>();
        rows.forEach(r -> per.merge(r.label(), 1L, Long::sum));
        per.forEach((l, c) -> weights.put(new Label(l), (float) ((double) n / (per.size() * c))));
        trainer.setLabelWeights(weights);
        return trainer.train(data);
    }

    private static ArrayExample<Label> vector(
            Map<String, Integer> counts, Map<String, TextModel.Term> idf, Label label) {
        TextModel.Sparse x = TextModel.vectorise(counts, idf);
        return new ArrayExample<>(label, x.names(), x.values());
    }
}
