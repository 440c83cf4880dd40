package org.jiesu.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotIssuesCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return HotIssuesCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheHottestClustersWithRankHeatSizeSpanAndTitle() throws IOException {
        StringBuilder csv = new StringBuilder("留言编号,留言用户,留言主题,留言时间,留言详情,反对数,点赞数\r\n");
        String[] noise = {"咨询新生儿医保参保材料", "东湖公园厕所无人打扫", "公交12路末班车太早", "小区电梯经常困人", "超市卖过期酸奶"};
        for (int i = 0; i < noise.length; i++) {
            csv.append(100 + i)
                    .append(",U")
                    .append(100 + i)
                    .append(',')
                    .append(noise[i])
                    .append(",2019-03-0")
                    .append(i + 1)
                    .append(" 10:00:00,")
                    .append(noise[i])
                    .append("，请处理,0,0\r\n");
        }
        for (int i = 0; i < 4; i++) {
            csv.append(i + 1)
                    .append(",U")
                    .append(i + 1)
                    .append(",A2区丽发新城附近搅拌站噪音扰民,2019-11-1")
                    .append(i)
                    .append(" 08:00:00,丽发新城小区旁的搅拌站夜间施工噪音大灰尘多,0,")
                    .append(i)
                    .append("\r\n");
        }
        csv.append("9,U9,A2区丽发新城附近搅拌站噪音扰民,2019-11-12 09:00:00,同一个人又反映一次搅拌站噪音,0,0\r\n");
        csv.append("10,U1,A2区丽发新城附近搅拌站噪音扰民,2019-11-13 09:00:00,丽发新城搅拌站噪音灰尘,0,0\r\n");
        Path file = dir.resolve("messages.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        int code = run("--input", file.toString(), "--top", "3", "--messages");

        assertThat(code).isEqualTo(0);
        String[] lines = out().split("\n");
        assertThat(lines[0]).contains("rank", "heat", "size", "from", "to", "title");
        assertThat(lines[1]).matches(" +1 +[0-9.]+ +6 +5 +6  2019-11-10  2019-11-13  A2区丽发新城附近搅拌站噪音扰民");
        assertThat(out()).contains("       10  2019-11-13  A2区丽发新城附近搅拌站噪音扰民");
        assertThat(out()).doesNotContain("医保");
        assertThat(err()).contains("11 messages from", "2019-03-01 to 2019-11-13");
    }

    @Test
    void aMissingFileIsAClearErrorWithExitCode2() {
        int code = run("--input", dir.resolve("nope.csv").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("hot-issues: ").contains("nope.csv: no such file");
        assertThat(out()).isEmpty();
    }

    @Test
    void badOptionsAreNamedAndTheUsageShown() {
        assertThat(run("--input", "x.csv", "--top", "zero")).isEqualTo(2);
        assertThat(err())
                .contains("--top must be a whole number above 0, not zero")
                .contains("Usage:");
    }

    @Test
    void withoutAnInputTheCommandSaysSo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("give --input FILE");
    }
}
