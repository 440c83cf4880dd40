package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TextSimilarityTest {

    @Test
    void theSameComplaintInOtherWordsIsAlike() {
        double alike = TextSimilarity.jaccard("广场舞音响太吵，晚上十点还不停", "晚上广场舞音响声音太吵");
        double other = TextSimilarity.jaccard("广场舞音响太吵，晚上十点还不停", "小区门口的路灯坏了");
        assertThat(alike).isGreaterThan(0.2);
        assertThat(other).isLessThan(0.05);
    }

    @Test
    void punctuationAndCaseDoNotCount() {
        assertThat(TextSimilarity.jaccard("WiFi 坏了！", "wifi坏了")).isEqualTo(1.0);
        assertThat(TextSimilarity.jaccard("", "路灯")).isZero();
    }

    @Test
    void distancesAreInMetres() {
        // One thousandth of a degree of latitude is about 111 metres.
        assertThat(TextSimilarity.metres(44.0, 87.0, 44.001, 87.0)).isCloseTo(111.2, within(0.5));
    }
}
