package org.jiesu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Values reach SQL only as bind parameters: every {@code .sql(...)} statement in the application is built from string
 * literals and upper-case constants alone, so no value a person typed can become part of a statement.
 */
class SqlIsBoundTest {

    /** Statements built at run time, each read and found to take its names from a fixed set in its class. */
    private static final List<String> REVIEWED = List.of(
            // Orders.change: the columns an action sets, each checked against Orders.CHANGEABLE.
            "Orders.java: .sql(sql.toString())");

    /** What may remain of a statement's expression once its literals are taken out. */
    private static final Pattern ONLY_CONSTANTS =
            Pattern.compile("\\s*(?:[A-Z][A-Za-z0-9]*\\.)?[A-Z][A-Z0-9_]*\\s*|\\s*[a-z][A-Za-z0-9]*\\s*");

    @Test
    void everyStatementIsBuiltFromLiteralsAndConstants() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (String expression : statementExpressions(source)) {
                    if (!builtFromConstants(expression)) {
                        offenders.add(file.getFileName() + ": .sql(" + expression.strip() + ")");
                    }
                }
            }
        }
        offenders.removeAll(REVIEWED);
        assertThat(offenders).isEmpty();
    }

    @Test
    void theCheckCatchesAValueJoinedIntoAStatement() {
        assertThat(builtFromConstants("\"select * from request where text = '\" + text + \"'\""))
                .isFalse();
        assertThat(builtFromConstants("SELECT + \" where id = \" + id")).isFalse();
        assertThat(builtFromConstants("\"update x set \" + column.name() + \" = ?\""))
                .isFalse();
        assertThat(builtFromConstants("SELECT + \" where o.id = ?\"")).isTrue();
        assertThat(builtFromConstants("\"\"\"\n  select 1 from t where a = ?\"\"\""))
                .isTrue();
        // A statement handed through a variable is a constant chosen elsewhere; it is joined nowhere here.
        assertThat(builtFromConstants("markStatement")).isTrue();
    }

    static boolean builtFromConstants(String expression) {
        String code = withoutLiterals(expression);
        for (String part : code.split("\\+", -1)) {
            if (!part.isBlank() && !ONLY_CONSTANTS.matcher(part).matches()) {
                return false;
            }
        }
        // A bare variable is allowed only alone: joined with anything, it is a value in the statement.
        long variables = Stream.of(code.split("\\+"))
                .map(String::strip)
                .filter(p -> !p.isEmpty() && Character.isLowerCase(p.charAt(0)))
                .count();
        return variables == 0 || (variables == 1 && !code.contains("+"));
    }

    /** The argument expressions of every {@code .sql(} call, literals included. */
    static List<String> statementExpressions(String source) {
        List<String> found = new ArrayList<>();
        int at = 0;
        while ((at = source.indexOf(".sql(", at)) >= 0) {
            int i = at + 5;
            int depth = 1;
            StringBuilder expression = new StringBuilder();
            while (i < source.length() && depth > 0) {
                if (source.startsWith("\"\"\"", i)) {
                    int end = source.indexOf("\"\"\"", i + 3);
                    expression.append(source, i, end + 3);
                    i = end + 3;
                    continue;
                }
                char c = source.charAt(i);
                if (c == '"') {
                    int j = i + 1;
                    while (source.charAt(j) != '"') {
                        j += source.charAt(j) == '\\' ? 2 : 1;
                    }
                    expression.append(source, i, j + 1);
                    i = j + 1;
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                if (depth > 0) {
                    expression.append(c);
                }
                i++;
            }
            found.add(expression.toString());
            at = i;
        }
        return found;
    }

    private static String withoutLiterals(String expression) {
        return expression.replaceAll("(?s)\"\"\".*?\"\"\"", " ").replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", " ");
    }
}
