package org.jiesu.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Training was reworked to fit in a small heap (issue 10). The figures below were printed by the training before that
 * rework, on the same texts; the model must learn exactly the same weights, so the scores and decision values match.
 */
class TrainingRegressionTest {

    /** Hand-made texts, every fifth one with the next category's label, so that no model is right on all of them. */
    private static List<LabelledText> noisyTexts() {
        List<LabelledText> clean = SampleTexts.unbalanced(7);
        List<String> labels =
                clean.stream().map(LabelledText::label).distinct().sorted().toList();
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < clean.size(); i++) {
            LabelledText t = clean.get(i);
            String label = i % 5 == 0 ? labels.get((labels.indexOf(t.label()) + 1) % labels.size()) : t.label();
            out.add(new LabelledText(t.text(), label));
        }
        return out;
    }

    @Test
    void crossValidationScoresAsTheEarlierTrainingDid() {
        CrossValidation.Result cv =
                CrossValidation.run(noisyTexts(), 5, TextModelTrainer.Settings.DEFAULTS, 20200427L, f -> {});
        assertThat(cv.evaluation().macroF1()).isCloseTo(0.862560234653258, within(1e-12));
        assertThat(cv.evaluation().accuracy()).isCloseTo(0.804761904761905, within(1e-12));
        assertThat(cv.temperature()).isCloseTo(0.374043434447736, within(1e-12));
    }

    @Test
    void aModelOnEveryTextGivesTheEarlierDecisionValues() {
        TextModel model = TextModelTrainer.train(noisyTexts(), TextModelTrainer.Settings.DEFAULTS);
        assertThat(model.vocabularySize()).isEqualTo(1148);
        assertDecisions(
                model,
                "嘉顺小区的垃圾桶满了没人清运，臭气熏天",
                -1.1939278870791643,
                0.4010986888100294,
                -0.20965217168239808,
                -1.1351841302272516,
                -1.0890265597265951);
        assertDecisions(
                model,
                "A3区南门街道的路灯坏了一个月",
                -0.652192271663304,
                -0.8526026811565134,
                -0.6968797133196787,
                -0.8267026201642816,
                -0.051891801710161736);
        assertDecisions(
                model,
                "孩子上学的学校收费太高",
                0.5820826434862758,
                -1.1503683004872762,
                -0.7521526813241397,
                -0.9293850961895799,
                -0.7591669499449283);
        assertDecisions(
                model,
                "医院看病排队太久",
                -1.0419754984365597,
                -1.2989241140796712,
                1.051511410611787,
                -0.9530525452249627,
                -0.9884693541108954);
        // The model saved and loaded again still scores the same.
        TextModel loaded = TextModel.fromBytes(model.toBytes());
        assertDecisions(
                loaded,
                "医院看病排队太久",
                -1.0419754984365597,
                -1.2989241140796712,
                1.051511410611787,
                -0.9530525452249627,
                -0.9884693541108954);
    }

    /** Decision values for EDU, ENV, HEALTH, LABOUR and TRANSPORT, in that order. */
    private static void assertDecisions(TextModel model, String text, double... expected) {
        Map<String, Double> d = new TreeMap<>(model.decisionValues(text));
        assertThat(d.keySet()).containsExactly("EDU", "ENV", "HEALTH", "LABOUR", "TRANSPORT");
        int i = 0;
        for (double value : d.values()) {
            assertThat(value).as(text).isCloseTo(expected[i++], within(1e-9));
        }
    }
}
