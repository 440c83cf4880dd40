package org.jiesu.knowledge;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jiesu.platform.Bigrams;
import org.jiesu.platform.JiesuException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge base: answers valid today that match a text. Matching is by shared character pairs, over the
 * question and the answer, the question weighing more; a real search can replace it behind the same two methods.
 */
@Service
public class Knowledge {

    /** Below this a match says more about common characters than about the matter. */
    static final double MIN_SCORE = 0.12;

    /** The knowledge base is small (hundreds of answers); matching reads at most this many valid ones. */
    private static final int MAX_SCANNED = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    Knowledge(JdbcClient jdbc, Clock clock, @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
    }

    /** Answers valid today that match the text, best first, at most {@code limit}; none for a blank text. */
    public List<KnowledgeAnswer> match(@Nullable String text, int limit) {
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        Set<String> asked = Bigrams.of(text);
        if (asked.isEmpty()) {
            return List.of();
        }
        record Scored(KnowledgeAnswer answer, double score) {}
        return valid().stream()
                .map(a -> new Scored(a, score(asked, a)))
                .filter(s -> s.score() >= MIN_SCORE)
                .sorted(Comparator.comparingDouble(Scored::score).reversed())
                .limit(limit)
                .map(Scored::answer)
                .toList();
    }

    /** Adds an answer; returns its id. */
    @Transactional
    public long add(@Nullable String categoryCode, String question, String answer) {
        if (question == null || question.isBlank() || question.length() > 500) {
            throw JiesuException.invalid("question: 1 to 500 characters.");
        }
        if (answer == null || answer.isBlank() || answer.length() > 4000) {
            throw JiesuException.invalid("answer: 1 to 4000 characters.");
        }
        return jdbc.sql("""
                        insert into knowledge_answer (category_code, question, answer, created_at)
                        values (?, ?, ?, ?) returning id""")
                .params(categoryCode, question.strip(), answer.strip(), Timestamp.from(Instant.now(clock)))
                .query(Long.class)
                .single();
    }

    /** How many answers the knowledge base holds, valid or not. */
    public long count() {
        return jdbc.sql("select count(*) from knowledge_answer")
                .query(Long.class)
                .single();
    }

    private List<KnowledgeAnswer> valid() {
        Date today = Date.valueOf(LocalDate.ofInstant(Instant.now(clock), zone));
        return jdbc.sql("""
                        select id, question, answer, category_code from knowledge_answer
                        where (valid_from is null or valid_from <= :today)
                          and (valid_until is null or valid_until >= :today)
                        order by id limit :max""")
                .param("today", today)
                .param("max", MAX_SCANNED)
                .query((rs, n) -> new KnowledgeAnswer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private static double score(Set<String> asked, KnowledgeAnswer a) {
        Set<String> question = Bigrams.of(a.question());
        double q = Bigrams.containment(question, asked) * 0.6 + Bigrams.containment(asked, question) * 0.4;
        double body = Bigrams.containment(asked, Bigrams.of(a.answer()));
        return Math.max(q, 0.5 * body);
    }
}
