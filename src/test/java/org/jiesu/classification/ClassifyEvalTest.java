package org.jiesu.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyEvalTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ClassifyEval.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes the texts as the hotline export does: 留言主题, 留言详情, 一级标签, with quoted fields. */
    private Path csv(String name, List<LabelledText> rows) throws Exception {
        StringBuilder s = new StringBuilder("row_id,留言主题,留言详情,一级标签\r\n");
        int i = 0;
        for (LabelledText r : rows) {
            s.append("R")
                    .append(i++)
                    .append(",\"")
                    .append(r.text().replace("\"", "\"\""))
                    .append("\",,")
                    .append(r.label())
                    .append("\r\n");
        }
        Path file = dir.resolve(name);
        Files.writeString(file, s, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void crossValidatesAndEndsWithTheMacroF1() throws Exception {
        Path train = csv("train.csv", SampleTexts.generate(20, 11));
        Run r = run("--train", train.toString(), "--cv", "5");
        assertThat(r.code()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("macro-F1: 0\\.\\d{4}|macro-F1: 1\\.0000");
        assertThat(Double.parseDouble(lines[lines.length - 1].substring(10))).isGreaterThan(0.8);
        assertThat(r.out()).contains("accuracy:").contains("precision").contains("confusion");
        assertThat(r.err()).contains("fold 5 of 5 done");
    }

    @Test
    void trainsOnOneFileAndScoresAnother() throws Exception {
        Path train = csv("train.csv", SampleTexts.generate(20, 12));
        Path test = csv("test.csv", SampleTexts.generate(6, 13));
        Run r = run("--train", train.toString(), "--test", test.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("texts: 30").containsPattern("macro-F1: \\d\\.\\d{4}$");
    }

    @Test
    void badArgumentsAndBadFilesAreToldPlainlyWithExitCode2() throws Exception {
        Path train = csv("train.csv", SampleTexts.generate(4, 1));
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("--train", train.toString()).err()).contains("either --test or --cv");
        assertThat(run("--train", train.toString(), "--cv", "x").code()).isEqualTo(2);
        assertThat(run("--train", train.toString(), "--cv", "1").err()).contains("between 2 and 20");
        assertThat(run("--train", dir.resolve("missing.csv").toString(), "--cv", "5")
                        .err())
                .contains("no such file");

        Path wrongColumns = dir.resolve("wrong.csv");
        Files.writeString(wrongColumns, "a,b\r\n1,2\r\n");
        assertThat(run("--train", wrongColumns.toString(), "--cv", "5").err())
                .contains("line 1")
                .contains("留言主题");

        Path noLabel = dir.resolve("nolabel.csv");
        Files.writeString(noLabel, "留言主题,一级标签\r\n路灯坏了,城乡建设\r\n垃圾没人清运,\r\n", StandardCharsets.UTF_8);
        Run r = run("--train", noLabel.toString(), "--cv", "2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 3").contains("no label");

        Path notUtf8 = dir.resolve("gbk.csv");
        Files.write(notUtf8, "留言主题,一级标签\r\n路灯坏了,城乡建设\r\n".getBytes("GBK"));
        assertThat(run("--train", notUtf8.toString(), "--cv", "2").err()).contains("not UTF-8");
    }
}
