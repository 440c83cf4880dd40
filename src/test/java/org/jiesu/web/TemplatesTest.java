package org.jiesu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Content-Security-Policy runs no inline script or style, so the templates must hold none: a page that did
 * would simply break in the browser, which no server-side test notices. And every value is escaped on output.
 */
class TemplatesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");

    /** What the policy would block, or what would print text unescaped. */
    private static final List<Pattern> FORBIDDEN = List.of(
            // A script element without src is inline script.
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE),
            Pattern.compile("<style\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\s(th:)?style\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\s(th:|data-th-)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE),
            Pattern.compile("th:inline\\s*=\\s*\"javascript\"", Pattern.CASE_INSENSITIVE),
            Pattern.compile("(th|data-th)[:-]utext", Pattern.CASE_INSENSITIVE),
            // [(...)] is Thymeleaf's unescaped inline output; [[...]] is escaped and fine.
            Pattern.compile("\\[\\("),
            Pattern.compile("th:attr\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("hx-on", Pattern.CASE_INSENSITIVE),
            Pattern.compile("hx-vals\\s*=\\s*['\"]\\s*js:", Pattern.CASE_INSENSITIVE));

    @Test
    void noTemplateHoldsInlineScriptInlineStyleOrUnescapedOutput() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            templates = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(templates).hasSizeGreaterThan(10);
        List<String> found = new ArrayList<>();
        for (Path template : templates) {
            String html = Files.readString(template);
            for (Pattern pattern : FORBIDDEN) {
                Matcher m = pattern.matcher(html);
                while (m.find()) {
                    int line = html.substring(0, m.start()).split("\n", -1).length;
                    found.add(TEMPLATES.relativize(template) + ":" + line + ": "
                            + m.group().strip());
                }
            }
        }
        assertThat(found).as("inline script, inline style or unescaped output").isEmpty();
    }

    @Test
    void theScannerCatchesWhatItLooksFor() {
        String bad = "<script>alert(1)</script><img src=x onerror=\"x()\"><p style=\"color:red\" th:utext=\"${x}\">";
        long hits = FORBIDDEN.stream().filter(p -> p.matcher(bad).find()).count();
        assertThat(hits).isEqualTo(4);
        String good =
                "<script th:src=\"@{/js/jiesu.js}\" defer></script><p class=\"one\" th:text=\"${x}\">[[${y}]]</p>";
        assertThat(FORBIDDEN.stream().filter(p -> p.matcher(good).find())).isEmpty();
    }
}
