package org.jiesu.classification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.units.Category;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Category suggestions from the active trained model, with its probabilities; below {@code jiesu.classifier.threshold}
 * a person decides. Before any model was trained it falls back on keywords, and then a person always decides.
 */
@Service
class ModelCategorySuggester implements CategorySuggester {

    private final ClassifierModels models;
    private final KeywordCategorySuggester keywords;
    private final UnitDirectory units;
    private final double threshold;

    ModelCategorySuggester(
            ClassifierModels models,
            KeywordCategorySuggester keywords,
            UnitDirectory units,
            @Value("${jiesu.classifier.threshold:0.6}") double threshold) {
        if (threshold <= 0 || threshold > 1) {
            throw new IllegalArgumentException("jiesu.classifier.threshold must be above 0 and at most 1");
        }
        this.models = models;
        this.keywords = keywords;
        this.units = units;
        this.threshold = threshold;
    }

    @Override
    public Classification classify(@Nullable String text, int limit) {
        if (text == null || text.isBlank() || limit <= 0) {
            return new Classification(List.of(), 0, true, null, threshold);
        }
        ClassifierModels.Loaded m = models.current();
        if (m == null) {
            return new Classification(keywords.suggest(text, limit), 0, true, null, threshold);
        }
        List<TextModel.Scored> scored = m.model().predict(text);
        Map<String, Category> byCode = new HashMap<>();
        units.categories().forEach(c -> byCode.put(c.code(), c));
        List<CategorySuggestion> out = new ArrayList<>();
        for (TextModel.Scored s : scored) {
            Category c = byCode.get(s.label());
            if (c == null) {
                continue; // a category removed since the model was trained
            }
            Category parent = c.parentCode() == null ? null : byCode.get(c.parentCode());
            out.add(new CategorySuggestion(c.code(), c.name(), parent == null ? "" : parent.name(), s.probability()));
            if (out.size() == limit) {
                break;
            }
        }
        double confidence = out.isEmpty() ? 0 : out.get(0).score();
        return new Classification(out, confidence, confidence < threshold, m.version(), threshold);
    }
}
