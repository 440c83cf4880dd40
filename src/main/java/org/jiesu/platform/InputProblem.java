package org.jiesu.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * One thing wrong with an input, said as a message key with its arguments, next to the field it concerns. The
 * English text is for logs and the API.
 */
public record InputProblem(String field, String key, List<Object> args, String english) {

    public static InputProblem of(String field, String key, String english, Object... args) {
        return new InputProblem(field, key, List.of(args), english);
    }

    /** The problems as messages in the reader's language, by the field they concern, in the order found. */
    public static Map<String, List<String>> byField(List<InputProblem> problems, MessageSource messages) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (InputProblem p : problems) {
            errors.computeIfAbsent(p.field(), k -> new ArrayList<>())
                    .add(messages.getMessage(p.key(), p.args().toArray(), LocaleContextHolder.getLocale()));
        }
        return errors;
    }
}
