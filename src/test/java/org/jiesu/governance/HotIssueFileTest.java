package org.jiesu.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotIssueFileTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String HEADER = "留言编号,留言用户,留言主题,留言时间,留言详情,反对数,点赞数\r\n";

    private static List<HotMessage> read(String csv) throws IOException {
        return HotIssueFile.read(new StringReader(csv), "f.csv", SHANGHAI);
    }

    @Test
    void readsMessagesWithLineBreaksInsideQuotedFieldsAndTheDistrictTheyName() throws IOException {
        List<HotMessage> rows = read(HEADER
                + "1,U1,A3区路灯不亮,2019-02-28 11:25:05,\"第一行\n第二行\",0,4\r\n"
                + "2,U2,咨询社保,2019/4/25 9:32:09,在A7县缴的社保,1,0\r\n");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).text()).isEqualTo("第一行\n第二行");
        assertThat(rows.get(0).area()).isEqualTo("A3区");
        assertThat(rows.get(0).supports()).isEqualTo(4);
        assertThat(rows.get(0).at()).isEqualTo(Instant.parse("2019-02-28T03:25:05Z"));
        assertThat(rows.get(1).area()).isEqualTo("A7县");
        assertThat(rows.get(1).requester()).isEqualTo("U2");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(HotIssueFile.Invalid.class)
                .hasMessageContaining("f.csv: empty file")
                .hasMessageContaining("留言主题");
    }

    @Test
    void aHeaderWithoutRowsIsRefused() {
        assertThatThrownBy(() -> read(HEADER)).hasMessage("f.csv: no messages after the header row");
    }

    @Test
    void missingColumnsAreNamed() {
        assertThatThrownBy(() -> read("id,title,time\r\n1,x,2019-01-01 00:00:00\r\n"))
                .isInstanceOf(HotIssueFile.Invalid.class)
                .hasMessageStartingWith("f.csv: line 1: missing columns 留言编号, 留言主题, 留言时间, 留言详情, 反对数, 点赞数");
    }

    @Test
    void anUnparseableTimeIsRefusedWithTheLineItStartsOn() {
        assertThatThrownBy(() ->
                        read(HEADER + "1,U1,标题,2019-02-28 11:25:05,\"两行\n的详情\",0,0\r\n" + "2,U2,标题,昨天下午,详情,0,0\r\n"))
                .isInstanceOf(HotIssueFile.Invalid.class)
                .hasMessage("f.csv: line 4: 留言时间 \"昨天下午\" is not a time; expected yyyy-MM-dd HH:mm:ss,"
                        + " such as 2019-04-25 09:32:09");
    }

    @Test
    void aCountThatIsNotANumberIsRefusedWithItsLine() {
        assertThatThrownBy(() -> read(HEADER + "1,U1,标题,2019-02-28 11:25:05,详情,0,很多\r\n"))
                .hasMessage("f.csv: line 2: 点赞数 \"很多\" is not a count (0 or more)");
    }

    @Test
    void aRowWithTooFewFieldsIsRefusedWithItsLine() {
        assertThatThrownBy(() -> read(HEADER + "1,U1,标题,2019-02-28 11:25:05\r\n"))
                .hasMessage("f.csv: line 2: 4 fields where the header has 7");
    }
}
