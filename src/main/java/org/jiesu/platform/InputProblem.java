package org.jiesu.platform;

import java.util.List;

/**
 * One thing wrong with an input, said as a message key with its arguments, next to the field it concerns. The
 * English text is for logs and the API.
 */
public record InputProblem(String field, String key, List<Object> args, String english) {

    public static InputProblem of(String field, String key, String english, Object... args) {
        return new InputProblem(field, key, List.of(args), english);
    }
}
