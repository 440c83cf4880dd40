package org.jiesu.platform;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal the user can act on. The message is shown to them as it is, so it says what was wrong and, where
 * it can, what to do instead.
 */
public class JiesuException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<String> problems;

    protected JiesuException(HttpStatus status, String title, String message) {
        this(status, title, message, List.of());
    }

    protected JiesuException(HttpStatus status, String title, String message, List<String> problems) {
        super(message);
        this.status = status;
        this.title = title;
        this.problems = List.copyOf(problems);
    }

    /** Each thing wrong, when one input had several faults and the user should fix them all in one go. */
    public List<String> problems() {
        return problems;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static JiesuException notFound(String message) {
        return new JiesuException(HttpStatus.NOT_FOUND, "Not found", message);
    }

    public static JiesuException invalid(String message) {
        return new JiesuException(HttpStatus.BAD_REQUEST, "Invalid input", message);
    }

    /** Several faults in one input; the message sums them up, {@link #problems()} lists them. */
    public static JiesuException invalid(String message, List<String> problems) {
        return new JiesuException(HttpStatus.BAD_REQUEST, "Invalid input", message, problems);
    }

    /** The action is not allowed in the current state of the thing it acts on. */
    public static JiesuException illegalTransition(String message) {
        return new JiesuException(HttpStatus.CONFLICT, "Not allowed now", message);
    }

    /** Somebody else changed the same thing first. */
    public static JiesuException conflict(String message) {
        return new JiesuException(HttpStatus.CONFLICT, "Changed by someone else", message);
    }

    public static JiesuException forbidden(String message) {
        return new JiesuException(HttpStatus.FORBIDDEN, "Not yours", message);
    }
}
