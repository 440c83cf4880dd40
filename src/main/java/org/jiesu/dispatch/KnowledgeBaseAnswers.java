package org.jiesu.dispatch;

import java.util.List;
import org.jiesu.knowledge.Knowledge;
import org.springframework.stereotype.Component;

/** The operator console's knowledge answers, from the knowledge base. */
@Component
class KnowledgeBaseAnswers implements KnowledgeAnswers {

    private final Knowledge knowledge;

    KnowledgeBaseAnswers(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public List<Answer> match(String text, int limit) {
        return knowledge.match(text, limit).stream()
                .map(a -> new Answer(a.question(), a.answer(), a.categoryCode()))
                .toList();
    }
}
