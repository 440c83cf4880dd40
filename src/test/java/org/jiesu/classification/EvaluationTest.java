package org.jiesu.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    /** A hand-counted case: 10 texts of A, B and C; the model declines one. */
    private static Evaluation handMade() {
        Evaluation e = new Evaluation(List.of("A", "B", "C"));
        for (int i = 0; i < 4; i++) {
            e.add("A", "A");
        }
        e.add("A", "B");
        e.add("B", "B");
        e.add("B", "B");
        e.add("B", "A");
        e.add("C", "C");
        e.add("C", null);
        return e;
    }

    @Test
    void countsPrecisionRecallAndF1PerLabelAndTheirMean() {
        Evaluation e = handMade();
        assertThat(e.total()).isEqualTo(10);
        assertThat(e.accuracy()).isCloseTo(0.7, within(1e-12));
        // A: 4 right of 5 predicted A, 4 of 5 true A.
        assertThat(e.precision("A")).isCloseTo(0.8, within(1e-12));
        assertThat(e.recall("A")).isCloseTo(0.8, within(1e-12));
        // B: 2 right of 3 predicted B, 2 of 3 true B.
        assertThat(e.f1("B")).isCloseTo(2.0 / 3, within(1e-12));
        // C: 1 of 1 predicted, 1 of 2 true (one declined): F1 = 2/3.
        assertThat(e.precision("C")).isEqualTo(1.0);
        assertThat(e.recall("C")).isEqualTo(0.5);
        assertThat(e.macroF1()).isCloseTo((0.8 + 2.0 / 3 + 2.0 / 3) / 3, within(1e-12));
    }

    @Test
    void theReportEndsWithTheMacroF1Line() {
        String report = handMade().report();
        String[] lines = report.split("\n");
        assertThat(lines[lines.length - 1]).isEqualTo("macro-F1: 0.7111");
        assertThat(report).contains("accuracy: 0.7000").contains("(none)");
    }

    @Test
    void poolingFoldsAddsTheirCounts() {
        Evaluation pooled = new Evaluation(List.of("A", "B", "C"));
        pooled.addAll(handMade());
        pooled.addAll(handMade());
        assertThat(pooled.total()).isEqualTo(20);
        assertThat(pooled.macroF1()).isCloseTo(handMade().macroF1(), within(1e-12));
    }
}
