package org.jiesu.classification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jiesu.knowledge.Knowledge;
import org.jiesu.knowledge.KnowledgeAnswer;
import org.jiesu.platform.Bigrams;
import org.jiesu.units.Category;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The first suggester: a category scores by the words of its own that the text holds (its keywords, kept as data in
 * {@code category_keyword}, and its name), by shared character pairs with its name, and by the knowledge-base
 * answers of that category that match the text. What {@link ModelCategorySuggester} falls back on before any model
 * was trained; its scores only order suggestions.
 */
@Service
class KeywordCategorySuggester {

    private static final double MIN_SCORE = 0.2;

    private final UnitDirectory units;
    private final Knowledge knowledge;
    private final JdbcClient jdbc;

    KeywordCategorySuggester(UnitDirectory units, Knowledge knowledge, JdbcClient jdbc) {
        this.units = units;
        this.knowledge = knowledge;
        this.jdbc = jdbc;
    }

    List<CategorySuggestion> suggest(@Nullable String text, int limit) {
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        String t = text.strip();
        Set<String> grams = Bigrams.of(t);
        Map<String, Category> byCode = new HashMap<>();
        units.categories().forEach(c -> byCode.put(c.code(), c));
        Map<String, Double> scores = new HashMap<>();
        keywords().forEach((code, words) -> {
            for (String word : words) {
                if (t.contains(word)) {
                    // Longer words say more: 路灯 is a clue, 灯 alone would not be one.
                    scores.merge(code, 0.5 + 0.1 * Math.min(word.length(), 4), Double::sum);
                }
            }
        });
        for (Category c : byCode.values()) {
            if (c.parentCode() == null) {
                continue;
            }
            if (t.contains(c.name())) {
                scores.merge(c.code(), 1.0, Double::sum);
            } else {
                double shared = Bigrams.containment(Bigrams.of(c.name()), grams);
                if (shared > 0) {
                    scores.merge(c.code(), 0.6 * shared, Double::sum);
                }
            }
        }
        List<KnowledgeAnswer> answers = knowledge.match(t, 3);
        for (int i = 0; i < answers.size(); i++) {
            String code = answers.get(i).categoryCode();
            if (code != null) {
                scores.merge(code, 0.4 / (i + 1), Double::sum);
            }
        }
        double best = scores.values().stream().mapToDouble(d -> d).max().orElse(0);
        List<CategorySuggestion> out = new ArrayList<>();
        scores.forEach((code, score) -> {
            Category c = byCode.get(code);
            if (c != null && score >= MIN_SCORE) {
                Category parent = c.parentCode() == null ? null : byCode.get(c.parentCode());
                out.add(new CategorySuggestion(
                        code, c.name(), parent == null ? "" : parent.name(), Math.min(1, score / Math.max(1, best))));
            }
        });
        out.sort(Comparator.comparingDouble(CategorySuggestion::score)
                .reversed()
                .thenComparing(CategorySuggestion::code));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private volatile @Nullable Map<String, List<String>> keywords;

    /** Kept in memory: a hundred short words, changed only by a migration for now. */
    private Map<String, List<String>> keywords() {
        Map<String, List<String>> k = keywords;
        if (k == null) {
            Map<String, List<String>> loaded = new HashMap<>();
            jdbc.sql("select category_code, keyword from category_keyword")
                    .query((rs, n) -> loaded.computeIfAbsent(rs.getString(1), x -> new ArrayList<>())
                            .add(rs.getString(2)))
                    .list();
            k = Map.copyOf(loaded);
            keywords = k;
        }
        return k;
    }
}
