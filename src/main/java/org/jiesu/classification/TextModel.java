package org.jiesu.classification;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.common.liblinear.LibLinearModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;

/**
 * A trained classifier: the vocabulary with each feature's inverse document frequency, the linear model Tribuo's
 * liblinear trainer fitted over it, and the temperature that turns its decision values into probabilities. Immutable
 * and safe to share between threads; saved as bytes and loaded again unchanged.
 */
public final class TextModel {

    /** A label with the model's probability for it. */
    public record Scored(String label, double probability) {}

    private static final int FORMAT = 1;

    /** Fewer distinct known multi-character features than this, and the text says too little to classify. */
    static final int MIN_EVIDENCE = 3;

    /** A feature of the vocabulary: its name (the one instance every vector shares) and its weight. */
    record Term(String name, float idf) {}

    private final Map<String, Term> idf;
    private final Model<Label> model;
    private final double temperature;

    // The linear model's coefficients read out of liblinear once, per feature name: scoring a text is then a sum over
    // its features, without Tribuo's per-call sorting and copying (see decisionValuesByTribuo for the check).
    private final String[] classes;
    private final Map<String, float[]> coefficients;
    private final double[] intercepts;

    TextModel(Map<String, Term> idf, Model<Label> model, double temperature) {
        this.idf = idf;
        this.model = model;
        this.temperature = temperature;
        if (!(model instanceof LibLinearClassificationModel linear)) {
            throw new IllegalArgumentException("Not a liblinear classification model");
        }
        de.bwaldvogel.liblinear.Model inner = innerModel(linear);
        int[] ids = inner.getLabels();
        this.classes = new String[ids.length];
        this.intercepts = new double[ids.length];
        for (int c = 0; c < ids.length; c++) {
            classes[c] = model.getOutputIDInfo().getOutput(ids[c]).getLabel();
            intercepts[c] = inner.getDecfunBias(c);
        }
        ImmutableFeatureMap features = model.getFeatureIDMap();
        this.coefficients = new HashMap<>(features.size() * 2);
        for (VariableInfo info : features) {
            int index = ((VariableIDInfo) info).getID() + 1;
            if (index > inner.getNrFeature()) {
                continue;
            }
            float[] w = new float[ids.length];
            boolean any = false;
            for (int c = 0; c < ids.length; c++) {
                w[c] = (float) inner.getDecfunCoef(index, c);
                any |= w[c] != 0;
            }
            if (any) {
                coefficients.put(info.getName(), w);
            }
        }
    }

    /**
     * Liblinear's own model inside Tribuo's, to read its weights. Tribuo's {@code getInnerModels()} hands out a copy
     * made by writing every weight as text and parsing it back: a string of tens of MB for the hotline data, the
     * largest single allocation of a training. Its field is read instead; should a later Tribuo hide it, the copy is
     * still right, only costlier.
     */
    @SuppressWarnings("unchecked")
    private static de.bwaldvogel.liblinear.Model innerModel(LibLinearClassificationModel linear) {
        try {
            Field models = LibLinearModel.class.getDeclaredField("models");
            models.setAccessible(true);
            return ((List<de.bwaldvogel.liblinear.Model>) models.get(linear)).get(0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return linear.getInnerModels().get(0);
        }
    }

    /** Every label the model knows, sorted. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        model.getOutputIDInfo().getDomain().forEach(l -> labels.add(l.getLabel()));
        labels.sort(null);
        return labels;
    }

    public int vocabularySize() {
        return idf.size();
    }

    double temperature() {
        return temperature;
    }

    /**
     * Every label with its probability, likeliest first; empty when the text holds too little the model knows (no
     * text, only punctuation, a language it was not trained on), which callers treat as "a person decides".
     */
    public List<Scored> predict(String text) {
        Map<String, Double> raw = decisionValues(text);
        if (raw.isEmpty()) {
            return List.of();
        }
        return softmax(raw, temperature);
    }

    /** The model's raw decision value per label; empty when the text gives too little evidence. */
    Map<String, Double> decisionValues(String text) {
        Sparse x = vectorise(TextFeatures.counts(text), idf);
        if (x.evidence() < MIN_EVIDENCE) {
            return Map.of();
        }
        double[] sums = intercepts.clone();
        for (int i = 0; i < x.names().length; i++) {
            float[] w = coefficients.get(x.names()[i]);
            if (w != null) {
                for (int c = 0; c < w.length; c++) {
                    sums[c] += w[c] * x.values()[i];
                }
            }
        }
        Map<String, Double> out = new HashMap<>();
        for (int c = 0; c < classes.length; c++) {
            out.put(classes[c], sums[c]);
        }
        return out;
    }

    /** The same decision values through Tribuo's own prediction: slower, and the yardstick of the fast path. */
    Map<String, Double> decisionValuesByTribuo(String text) {
        Sparse x = vectorise(TextFeatures.counts(text), idf);
        if (x.evidence() < MIN_EVIDENCE) {
            return Map.of();
        }
        Prediction<Label> p = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, x.names(), x.values()));
        Map<String, Double> out = new HashMap<>();
        p.getOutputScores().forEach((name, label) -> out.put(name, label.getScore()));
        return out;
    }

    /** A text's features that the vocabulary knows, with their weights; evidence counts the multi-character ones. */
    record Sparse(String[] names, double[] values, int evidence) {}

    /** The head's features count three times as much as the body's: a title names the matter. */
    static final double HEAD_WEIGHT = 3;

    /** TF-IDF with sublinear term frequency, the head's features weighted up, scaled to unit length. */
    static Sparse vectorise(Map<String, Integer> counts, Map<String, Term> idf) {
        String[] names = new String[counts.size()];
        double[] values = new double[counts.size()];
        int n = 0;
        int evidence = 0;
        double norm = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Term term = idf.get(e.getKey());
            if (term == null) {
                continue;
            }
            char kind = e.getKey().charAt(0);
            double v = (1 + Math.log(e.getValue())) * term.idf() * (kind == 'h' ? HEAD_WEIGHT : 1);
            names[n] = term.name();
            values[n] = v;
            n++;
            norm += v * v;
            if (kind != '1' && kind != 'h') {
                evidence++;
            }
        }
        double length = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            values[i] /= length;
        }
        return new Sparse(Arrays.copyOf(names, n), Arrays.copyOf(values, n), evidence);
    }

    static List<Scored> softmax(Map<String, Double> decisions, double temperature) {
        double max = decisions.values().stream().mapToDouble(d -> d).max().orElse(0);
        double sum = 0;
        Map<String, Double> exp = new HashMap<>();
        for (Map.Entry<String, Double> e : decisions.entrySet()) {
            double x = Math.exp((e.getValue() - max) / temperature);
            exp.put(e.getKey(), x);
            sum += x;
        }
        List<Scored> out = new ArrayList<>(exp.size());
        for (Map.Entry<String, Double> e : exp.entrySet()) {
            out.add(new Scored(e.getKey(), e.getValue() / sum));
        }
        out.sort(Comparator.comparingDouble(Scored::probability).reversed().thenComparing(Scored::label));
        return out;
    }

    /** The model as bytes (gzip of the vocabulary, the temperature and Tribuo's protobuf form of the model). */
    public byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(buffer))) {
            out.writeInt(FORMAT);
            out.writeDouble(temperature);
            out.writeInt(idf.size());
            for (Term t : idf.values()) {
                out.writeUTF(t.name());
                out.writeFloat(t.idf());
            }
            byte[] proto = model.serialize().toByteArray();
            out.writeInt(proto.length);
            out.write(proto);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** A model saved by {@link #toBytes()}; refuses bytes that are not one. */
    @SuppressWarnings("unchecked")
    public static TextModel fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("Unknown model format " + format);
            }
            double temperature = in.readDouble();
            int size = in.readInt();
            Map<String, Term> idf = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                String name = in.readUTF();
                idf.put(name, new Term(name, in.readFloat()));
            }
            byte[] proto = new byte[in.readInt()];
            in.readFully(proto);
            Model<?> model = Model.deserialize(ModelProto.parseFrom(proto));
            if (!model.validate(Label.class)) {
                throw new IllegalArgumentException("Not a classification model");
            }
            return new TextModel(idf, (Model<Label>) model, temperature);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("Damaged model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a saved model: " + e.getMessage(), e);
        }
    }
}
