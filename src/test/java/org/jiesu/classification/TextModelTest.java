package org.jiesu.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextModelTest {

    private static List<LabelledText> train;
    private static List<LabelledText> heldBack;
    private static TextModel model;

    @BeforeAll
    static void trainOnce() {
        List<LabelledText> all = new ArrayList<>(SampleTexts.unbalanced(7));
        Collections.shuffle(all, new Random(7));
        int cut = all.size() * 7 / 10;
        train = all.subList(0, cut);
        heldBack = all.subList(cut, all.size());
        model = TextModelTrainer.train(train, TextModelTrainer.Settings.DEFAULTS);
    }

    private static String predicted(TextModel m, String text) {
        List<TextModel.Scored> p = m.predict(text);
        return p.isEmpty() ? null : p.get(0).label();
    }

    @Test
    void beatsAlwaysGuessingTheLargestCategoryByAClearMargin() {
        String majority =
                train.stream()
                        .collect(Collectors.groupingBy(LabelledText::label, Collectors.counting()))
                        .entrySet()
                        .stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow()
                        .getKey();
        double baseline =
                heldBack.stream().filter(t -> t.label().equals(majority)).count() / (double) heldBack.size();
        double accuracy = heldBack.stream()
                        .filter(t -> t.label().equals(predicted(model, t.text())))
                        .count()
                / (double) heldBack.size();
        assertThat(baseline).isBetween(0.2, 0.5);
        assertThat(accuracy).isGreaterThan(baseline + 0.3).isGreaterThan(0.85);
    }

    @Test
    void probabilitiesAreADistributionOverEveryLabelLikeliestFirst() {
        List<TextModel.Scored> p = model.predict("嘉顺小区的垃圾桶满了没人清运，臭气熏天");
        assertThat(p).hasSize(5);
        assertThat(p.get(0).label()).isEqualTo("ENV");
        assertThat(p.stream().mapToDouble(TextModel.Scored::probability).sum()).isCloseTo(1.0, within(1e-9));
        for (int i = 1; i < p.size(); i++) {
            assertThat(p.get(i).probability()).isLessThanOrEqualTo(p.get(i - 1).probability());
        }
    }

    @Test
    void aSavedModelLoadedAgainGivesTheSamePredictions() {
        TextModel loaded = TextModel.fromBytes(model.toBytes());
        assertThat(loaded.labels()).isEqualTo(model.labels());
        assertThat(loaded.vocabularySize()).isEqualTo(model.vocabularySize());
        for (LabelledText t : heldBack) {
            List<TextModel.Scored> a = model.predict(t.text());
            List<TextModel.Scored> b = loaded.predict(t.text());
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).label()).isEqualTo(a.get(i).label());
                assertThat(b.get(i).probability()).isCloseTo(a.get(i).probability(), within(1e-12));
            }
        }
    }

    @Test
    void theFastScoringGivesTribuosOwnDecisionValues() {
        for (LabelledText t : heldBack) {
            Map<String, Double> fast = model.decisionValues(t.text());
            Map<String, Double> tribuo = model.decisionValuesByTribuo(t.text());
            assertThat(fast.keySet()).isEqualTo(tribuo.keySet());
            fast.forEach((label, v) -> assertThat(v).isCloseTo(tribuo.get(label), within(1e-5)));
        }
        // Two categories: liblinear keeps one weight vector, the second class scores its negative.
        List<LabelledText> two = train.stream()
                .filter(t -> t.label().equals("ENV") || t.label().equals("EDU"))
                .toList();
        TextModel binary = TextModelTrainer.train(two, TextModelTrainer.Settings.DEFAULTS);
        for (LabelledText t : heldBack) {
            Map<String, Double> fast = binary.decisionValues(t.text());
            Map<String, Double> tribuo = binary.decisionValuesByTribuo(t.text());
            assertThat(fast.keySet()).isEqualTo(tribuo.keySet());
            fast.forEach((label, v) -> assertThat(v).isCloseTo(tribuo.get(label), within(1e-5)));
        }
    }

    @Test
    void textWithNothingTheModelKnowsGetsNoAnswerRatherThanAGuess() {
        assertThat(model.predict("")).isEmpty();
        assertThat(model.predict("   \n\t")).isEmpty();
        assertThat(model.predict("！！！？？？……，。、；：“”（）")).isEmpty();
        assertThat(model.predict("The street light outside number 12 has been broken for a week"))
                .isEmpty();
        assertThat(model.predict("كوچىدىكى چىراغ بىر ھەپتىدىن بېرى بۇزۇق")).isEmpty();
        assertThat(model.predict(null)).isEmpty();
    }

    @Test
    void aVeryLongTextIsReadOnlyAsFarAsItsBeginning() {
        String longText = "垃圾桶满了没人清运".repeat(50_000);
        List<TextModel.Scored> p = model.predict(longText);
        assertThat(p).isNotEmpty();
        assertThat(p.get(0).label()).isEqualTo("ENV");
    }

    @Test
    void refusesToTrainOnOneCategoryAndToLoadBytesThatAreNoModel() {
        List<LabelledText> one =
                train.stream().filter(t -> t.label().equals("ENV")).toList();
        assertThatThrownBy(() -> TextModelTrainer.train(one, TextModelTrainer.Settings.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two categories");
        assertThatThrownBy(() -> TextModel.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crossValidationKeepsRepeatedTitlesInOneFoldAndEveryLabelInEachFold() {
        List<LabelledText> rows = new ArrayList<>(SampleTexts.generate(20, 3));
        rows.add(new LabelledText("反映A市垃圾桶满了没人清运的问题\n第一次", "ENV"));
        rows.add(new LabelledText("反映A市垃圾桶满了没人清运的问题\n又一次", "ENV"));
        int[] folds = CrossValidation.folds(rows, 5, 1);
        assertThat(folds[rows.size() - 1]).isEqualTo(folds[rows.size() - 2]);
        Map<String, List<Integer>> labelsPerFold = new java.util.HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            labelsPerFold
                    .computeIfAbsent(rows.get(i).label(), x -> new ArrayList<>())
                    .add(folds[i]);
        }
        labelsPerFold
                .values()
                .forEach(f -> assertThat(f.stream().distinct().count()).isEqualTo(5));
        CrossValidation.Result result = CrossValidation.run(rows, 5, TextModelTrainer.Settings.DEFAULTS, 1, f -> {});
        assertThat(result.evaluation().total()).isEqualTo(rows.size());
        assertThat(result.evaluation().macroF1()).isGreaterThan(0.8);
        assertThat(result.temperature()).isPositive();
        assertThat(result.coverage())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.share()).isBetween(0.0, 1.0));
    }

    @Test
    void aCategoryWithFewerTextsThanFoldsIsTrainedOnButNeverScored() {
        List<LabelledText> rows = new ArrayList<>(SampleTexts.generate(20, 3));
        rows.add(new LabelledText("井盖松动", "RARE"));
        rows.add(new LabelledText("井盖松动", "RARE"));
        rows.add(new LabelledText("学校老师乱收补课费", "RARE"));
        int[] folds = CrossValidation.folds(rows, 5, 1);
        assertThat(folds[rows.size() - 1]).isEqualTo(-1);
        assertThat(folds[rows.size() - 3]).isEqualTo(-1);
        assertThat(folds[0]).isBetween(0, 4);
        // Predictions may still name the rare category; it has no support, so it is not part of the mean.
        Evaluation scored = CrossValidation.run(rows, 5, TextModelTrainer.Settings.DEFAULTS, 1, f -> {})
                .evaluation();
        assertThat(scored.total()).isEqualTo(rows.size() - 3);
        assertThat(scored.recall("RARE")).isZero();
        assertThat(scored.macroF1()).isGreaterThan(0.8);
    }

    @Test
    void featuresFoldWidthAndCaseAndReadTheHeadApart() {
        assertThat(TextFeatures.normalise("ＡＢＣ１２３，路灯！")).isEqualTo("abc000路灯");
        assertThat(TextFeatures.head("路灯坏了\n详细说明很长")).isEqualTo("路灯坏了");
        assertThat(TextFeatures.head("路灯坏了。已经一周")).isEqualTo("路灯坏了");
        Map<String, Integer> counts = TextFeatures.counts("路灯坏了。已经一周");
        assertThat(counts).containsKeys("1路", "2路灯", "3路灯坏", "h2路灯");
        assertThat(counts.keySet().stream().map(k -> k.charAt(0)).collect(Collectors.toSet()))
                .contains('1', '2', '3', 'h', 'w');
        assertThat(TextFeatures.counts("。。。")).isEmpty();
    }
}
