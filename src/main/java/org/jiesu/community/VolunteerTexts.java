package org.jiesu.community;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.InputProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Volunteer pages' messages in the reader's language: refusals by field, and flash texts. */
@Component
class VolunteerTexts {

    private final MessageSource messages;

    VolunteerTexts(MessageSource messages) {
        this.messages = messages;
    }

    Map<String, List<String>> localized(List<InputProblem> problems) {
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
