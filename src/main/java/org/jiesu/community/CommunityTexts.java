package org.jiesu.community;

import java.util.List;
import java.util.Map;
import org.jiesu.platform.InputProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The community pages' messages in the reader's language: refusals by field, and flash texts. */
@Component
class CommunityTexts {

    private final MessageSource messages;

    CommunityTexts(MessageSource messages) {
        this.messages = messages;
    }

    Map<String, List<String>> byField(List<InputProblem> problems) {
        return InputProblem.byField(problems, messages);
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
