package org.jiesu.assessment;

import java.util.List;
import org.jiesu.platform.JiesuException;
import org.springframework.http.HttpStatus;

/** Bad input to a form of the assessment pages (schemes, scores, surveys): every problem, so that a page can name each next to its field. */
class InputRefusal extends JiesuException {

    private final List<InputProblem> inputProblems;

    InputRefusal(List<InputProblem> problems) {
        super(
                HttpStatus.BAD_REQUEST,
                "Invalid input",
                String.join(" ", problems.stream().map(InputProblem::english).toList()),
                problems.stream().map(InputProblem::english).toList());
        this.inputProblems = List.copyOf(problems);
    }

    List<InputProblem> inputProblems() {
        return inputProblems;
    }
}
