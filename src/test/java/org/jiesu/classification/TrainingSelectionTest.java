package org.jiesu.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a training takes when there are more texts than the heap holds, and what it leaves for the unit hints. */
class TrainingSelectionTest {

    private static List<LabelledText> samples(int n) {
        List<LabelledText> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new LabelledText("样本" + i, "ENV"));
        }
        return rows;
    }

    /** Closed requests 1..n, newest first, each handled by unit 7 in place 3; every fifth has no words. */
    private static List<TrainingTexts.ClosedText> closed(int n) {
        List<TrainingTexts.ClosedText> rows = new ArrayList<>();
        for (long id = n; id >= 1; id--) {
            rows.add(new TrainingTexts.ClosedText(id, id % 5 == 0 ? " " : "工单" + id, "TRANSPORT", 7L, 3L));
        }
        return rows;
    }

    @Test
    void underTheLimitEverythingIsTakenInTheOrderItAlwaysWas() {
        Map<Long, LabelledText> corrected = new LinkedHashMap<>();
        corrected.put(2L, new LabelledText("改过的工单2", "EDU"));
        ClassifierModels.Collected c = ClassifierModels.select(samples(3), corrected, closed(10), 1_000);
        assertThat(c.samples()).isEqualTo(3);
        assertThat(c.corrections()).isEqualTo(1);
        // 10 closed, two without words (5 and 10), one replaced by its correction (2).
        assertThat(c.orders()).isEqualTo(7);
        assertThat(c.leftOut()).isZero();
        assertThat(c.rows()).hasSize(11);
        assertThat(c.rows().get(0).text()).isEqualTo("样本0");
        assertThat(c.rows().get(3).text()).isEqualTo("工单9");
        assertThat(c.rows().get(10).text()).isEqualTo("改过的工单2");
        assertThat(c.closed()).hasSize(10);
    }

    @Test
    void overTheLimitCorrectionsThenSamplesThenTheNewestClosedAreTaken() {
        Map<Long, LabelledText> corrected = new LinkedHashMap<>();
        corrected.put(2L, new LabelledText("改过的工单2", "EDU"));
        ClassifierModels.Collected c = ClassifierModels.select(samples(3), corrected, closed(10), 6);
        assertThat(c.rows()).hasSize(6);
        assertThat(c.corrections()).isEqualTo(1);
        assertThat(c.samples()).isEqualTo(3);
        assertThat(c.orders()).isEqualTo(2);
        assertThat(c.rows())
                .extracting(LabelledText::text)
                .containsExactly("样本0", "样本1", "样本2", "工单9", "工单8", "改过的工单2");
        // Usable closed requests not taken: 7, 6, 4, 3, 1.
        assertThat(c.leftOut()).isEqualTo(5);
        // Every closed request still counts for the unit hints, the ones not trained on without their words.
        assertThat(c.closed()).hasSize(10);
        assertThat(c.closed()).filteredOn(t -> t.text().isEmpty()).hasSize(8);
        assertThat(c.closed()).allSatisfy(t -> assertThat(t.unitId()).isEqualTo(7L));
    }

    @Test
    void aLimitBelowTheSamplesKeepsTheNewestSamples() {
        ClassifierModels.Collected c = ClassifierModels.select(samples(5), Map.of(), closed(4), 3);
        assertThat(c.rows()).extracting(LabelledText::text).containsExactly("样本2", "样本3", "样本4");
        assertThat(c.orders()).isZero();
        assertThat(c.leftOut()).isEqualTo(2 + 4);
    }

    @Test
    void theLimitFollowsTheHeapUnlessConfigured() {
        long mb = 1024L * 1024;
        // Two fifths of 512 MB at 36 KB a text.
        assertThat(ClassifierModels.maxTexts(0, 512 * mb)).isEqualTo(512 * 1024 / 5 * 2 / 36);
        assertThat(ClassifierModels.maxTexts(0, 6_000 * mb)).isEqualTo(6_000 * 1024 / 5 * 2 / 36);
        assertThat(ClassifierModels.maxTexts(0, 32_000 * mb)).isEqualTo(200_000);
        assertThat(ClassifierModels.maxTexts(0, 1 * mb)).isEqualTo(ClassifierModels.MIN_TEXTS);
        assertThat(ClassifierModels.maxTexts(2_500, 512 * mb)).isEqualTo(2_500);
        assertThat(ClassifierModels.maxTexts(3, 512 * mb)).isEqualTo(ClassifierModels.MIN_TEXTS);
    }
}
