package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.jiesu.dispatch.CalendarDay.Kind;
import org.jiesu.platform.JiesuException;
import org.junit.jupiter.api.Test;

class CalendarFileTest {

    @Test
    void readsDaysAndSkipsCommentsAndBlankLines() {
        List<CalendarDay> days = CalendarFile.parse("""
                # 国庆节 2026
                date,kind,name

                2026-10-01,HOLIDAY,国庆节
                2026-10-10,WORKDAY,国庆节调休
                """);

        assertThat(days)
                .containsExactly(
                        new CalendarDay(LocalDate.parse("2026-10-01"), Kind.HOLIDAY, "国庆节"),
                        new CalendarDay(LocalDate.parse("2026-10-10"), Kind.WORKDAY, "国庆节调休"));
    }

    @Test
    void reportsEveryProblemWithItsLineNumber() {
        String file = """
                date,kind,name
                2026-02-30,HOLIDAY,不存在的日子
                2026-10-01,VACATION,国庆节
                2026-10-02 国庆节
                2026-10-08,WORKDAY,周四不必调休
                2026-10-03,HOLIDAY,国庆节
                2026-10-03,WORKDAY,国庆节调休
                2026-10-04,HOLIDAY,
                """;

        assertThatThrownBy(() -> CalendarFile.parse(file))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining("line 2: '2026-02-30' is not a date")
                .hasMessageContaining("line 3: 'VACATION' is not a kind")
                .hasMessageContaining("line 4: expected 3 fields")
                .hasMessageContaining("line 5: 2026-10-08 is a THURSDAY")
                .hasMessageContaining("line 7: 2026-10-03 is already given on line 6")
                .hasMessageContaining("line 8: the name is missing");
    }

    @Test
    void aFileWithoutTheHeaderOrWithoutDaysIsRefused() {
        assertThatThrownBy(() -> CalendarFile.parse("2026-10-01,HOLIDAY,国庆节\n"))
                .hasMessageContaining("line 1: the first line must be the header");
        assertThatThrownBy(() -> CalendarFile.parse("# nothing\ndate,kind,name\n"))
                .hasMessageContaining("the file has no days");
    }

    @Test
    void theExportReadsBackAsTheSameDays() {
        List<CalendarDay> days = List.of(
                new CalendarDay(LocalDate.parse("2026-10-10"), Kind.WORKDAY, "国庆节调休"),
                new CalendarDay(LocalDate.parse("2026-10-01"), Kind.HOLIDAY, "国庆节"));

        assertThat(CalendarFile.parse(CalendarFile.format(days))).containsExactlyInAnyOrderElementsOf(days);
    }

    @Test
    void theShippedCalendarsAreValidFiles() throws Exception {
        for (String file : V31__dispatch_shipped_calendars.SHIPPED) {
            try (var in = getClass().getClassLoader().getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                assertThat(CalendarFile.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)))
                        .isNotEmpty();
            }
        }
    }
}
