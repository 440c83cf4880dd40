package org.jiesu.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainingHeapMessageTest {

    @Test
    void runningOutOfMemorySaysHowMuchHeapTheTrainingNeedsAndThatSuggestionsGoOn() {
        String message = ClassifierModels.outOfMemory(7_360);
        assertThat(message)
                .startsWith("Out of memory: training on 7360 texts needs about 258 MB of free heap")
                .contains("heap is " + (Runtime.getRuntime().maxMemory() >> 20) + " MB (-Xmx)")
                .contains("Suggestions come from keywords");
    }

    @Test
    void aSmallTrainingStillAsksForTheHeapTheSegmenterNeeds() {
        assertThat(ClassifierModels.outOfMemory(20)).contains("needs about 96 MB");
    }
}
