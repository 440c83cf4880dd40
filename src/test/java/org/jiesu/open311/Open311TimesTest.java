package org.jiesu.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Open311TimesTest {

    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("Asia/Shanghai"),
            ZoneId.of("Asia/Urumqi"),
            ZoneId.of("UTC"),
            ZoneId.of("America/St_Johns"),
            ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("Europe/Amsterdam"));

    private static String standard(Instant at, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                at.atZone(zone).toOffsetDateTime().withNano(0));
    }

    @Test
    void writesWhatTheStandardFormatterWrites() {
        SplittableRandom random = new SplittableRandom(20261124);
        long from = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
            ZoneId zone = ZONES.get(i % ZONES.size());
            assertThat(Open311Times.format(at, zone)).as("%s in %s", at, zone).isEqualTo(standard(at, zone));
        }
    }

    @Test
    void edgesOfTheDayAndTheYear() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(Open311Times.format(Instant.parse("2026-12-31T16:00:00.999Z"), shanghai))
                .isEqualTo("2027-01-01T00:00:00+08:00");
        assertThat(Open311Times.format(Instant.parse("2026-11-24T05:40:07Z"), ZoneId.of("UTC")))
                .isEqualTo("2026-11-24T05:40:07Z");
        // An offset with seconds in it (Amsterdam's before 1937) goes to the formatter.
        ZoneId seconds = ZoneOffset.ofHoursMinutesSeconds(0, 19, 32);
        Instant old = Instant.parse("1930-06-01T12:00:00Z");
        assertThat(Open311Times.format(old, seconds))
                .isEqualTo(standard(old, seconds))
                .endsWith("+00:19:32");
    }
}
