package org.jiesu.assessment;

import java.util.List;
import org.jiesu.platform.JiesuException;
import org.springframework.http.HttpStatus;

/** Bad input to a scheme or a score: every problem, so that a page can name each next to its field. */
class SchemeRefusal extends JiesuException {

    private final List<SchemeProblem> schemeProblems;

    SchemeRefusal(List<SchemeProblem> problems) {
        super(
                HttpStatus.BAD_REQUEST,
                "Invalid input",
                String.join(" ", problems.stream().map(SchemeProblem::english).toList()),
                problems.stream().map(SchemeProblem::english).toList());
        this.schemeProblems = List.copyOf(problems);
    }

    List<SchemeProblem> schemeProblems() {
        return schemeProblems;
    }
}
