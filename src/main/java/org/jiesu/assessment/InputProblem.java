package org.jiesu.assessment;

import java.util.List;

/**
 * One thing wrong with an input, said as a message key of the dashboard bundle with its arguments, next to the field
 * it concerns. The English text is for logs and the API.
 */
record InputProblem(String field, String key, List<Object> args, String english) {

    static InputProblem of(String field, String key, String english, Object... args) {
        return new InputProblem(field, key, List.of(args), english);
    }
}
