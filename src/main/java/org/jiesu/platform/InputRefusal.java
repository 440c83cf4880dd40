package org.jiesu.platform;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Bad input to a form: every problem, so that a page can name each next to its field and keep what was typed. A
 * conflict (409) says the input is fine but not allowed in the current state.
 */
public class InputRefusal extends JiesuException {

    private final List<InputProblem> inputProblems;

    public InputRefusal(HttpStatus status, List<InputProblem> problems) {
        super(
                status,
                status == HttpStatus.CONFLICT ? "Not allowed now" : "Invalid input",
                String.join(" ", problems.stream().map(InputProblem::english).toList()),
                problems.stream().map(InputProblem::english).toList());
        this.inputProblems = List.copyOf(problems);
    }

    public InputRefusal(List<InputProblem> problems) {
        this(HttpStatus.BAD_REQUEST, problems);
    }

    public List<InputProblem> inputProblems() {
        return inputProblems;
    }
}
