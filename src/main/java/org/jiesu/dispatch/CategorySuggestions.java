package org.jiesu.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.units.Category;
import org.jiesu.units.UnitDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Suggests categories for a text as the operator types it: the categories of the most alike recent requests, and
 * categories whose name the text mentions. Plain nearest neighbours over character pairs; no model to train.
 */
@Component
class CategorySuggestions {

    record Suggestion(String code, String name, double score) {}

    private record Labelled(String text, String categoryCode) {}

    private static final int CORPUS = 2000;
    private static final int NEIGHBOURS = 15;
    private static final Duration RELOAD = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Clock clock;
    private volatile List<Labelled> corpus = List.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    CategorySuggestions(JdbcClient jdbc, UnitDirectory units, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.clock = clock;
    }

    List<Suggestion> suggest(String text, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Map<String, Double> scores = new HashMap<>();
        List<double[]> ranked = new ArrayList<>();
        List<Labelled> known = corpus();
        for (int i = 0; i < known.size(); i++) {
            double s = TextSimilarity.jaccard(text, known.get(i).text());
            if (s > 0.05) {
                ranked.add(new double[] {s, i});
            }
        }
        ranked.sort(Comparator.comparingDouble((double[] r) -> r[0]).reversed());
        for (double[] r : ranked.subList(0, Math.min(NEIGHBOURS, ranked.size()))) {
            scores.merge(known.get((int) r[1]).categoryCode(), r[0], Double::sum);
        }
        for (Category c : units.categories()) {
            if (text.contains(c.name())) {
                scores.merge(c.code(), 1.0, Double::sum);
            } else {
                double s = TextSimilarity.jaccard(text, c.name());
                if (s > 0) {
                    scores.merge(c.code(), s / 2, Double::sum);
                }
            }
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(limit)
                .map(e -> new Suggestion(
                        e.getKey(),
                        units.findCategory(e.getKey()).map(Category::name).orElse(e.getKey()),
                        e.getValue()))
                .toList();
    }

    private List<Labelled> corpus() {
        Instant now = Instant.now(clock);
        if (Duration.between(loadedAt, now).abs().compareTo(RELOAD) > 0) {
            corpus = jdbc.sql("""
                            select text, category_code from request where category_code is not null
                            order by id desc limit ?""")
                    .param(CORPUS)
                    .query((rs, n) -> new Labelled(rs.getString(1), rs.getString(2)))
                    .list();
            loadedAt = now;
        }
        return corpus;
    }
}
