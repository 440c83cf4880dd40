package org.jiesu.community;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.InputProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The poll pages' messages in the reader's language, and refusals as messages by the field they concern. */
@Component
class PollMessages {

    private final MessageSource messages;

    PollMessages(MessageSource messages) {
        this.messages = messages;
    }

    Map<String, List<String>> byField(List<InputProblem> problems) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (InputProblem p : problems) {
            errors.computeIfAbsent(p.field(), k -> new ArrayList<>())
                    .add(text(p.key(), p.args().toArray()));
        }
        return errors;
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
