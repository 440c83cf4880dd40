package org.jiesu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UploadedTextTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void refusedAs(byte[] content, String says) {
        assertThatThrownBy(() -> UploadedText.decode(content, "a GeoJSON file"))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining(says);
    }

    @Test
    void knownBinaryFormatsAreNamedForWhatTheyAre() {
        refusedAs(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0), "a PNG image, not a GeoJSON file");
        refusedAs(bytes('P', 'K', 3, 4, 20, 0), "a ZIP archive (or an Excel or Word file)");
        refusedAs("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "a PDF document");
        refusedAs(bytes(0x1F, 0x8B, 8, 0), "a GZIP archive");
        refusedAs(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1), "a program (ELF)");
        refusedAs(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1), "an Excel or Word file of the old format");
    }

    @Test
    void unknownBinaryContentIsRefusedByItsControlBytes() {
        refusedAs("{\"type\":\u0000\"Feature\"}".getBytes(StandardCharsets.UTF_8), "binary data");
        refusedAs(bytes('{', 0x01, 0x02, '}'), "binary data");
    }

    @Test
    void textInAnotherEncodingThanUtf8IsRefusedWithHowToFixIt() {
        refusedAs("2026-10-01,HOLIDAY,国庆节".getBytes(Charset.forName("GBK")), "not UTF-8");
        refusedAs("date".getBytes(StandardCharsets.UTF_16LE), "binary data");
        refusedAs(bytes(0xFF, 0xFE, 'd', 0, 'a', 0), "UTF-16");
    }

    @Test
    void utf8TextComesBackWithoutItsByteOrderMark() {
        byte[] withBom = ("\uFEFFdate,kind,name\r\n2026-10-01,HOLIDAY,国庆节\t\n").getBytes(StandardCharsets.UTF_8);

        assertThat(UploadedText.decode(withBom, "a calendar CSV file"))
                .isEqualTo("date,kind,name\r\n2026-10-01,HOLIDAY,国庆节\t\n");
        assertThat(UploadedText.decode(null, "x")).isEmpty();
        assertThat(UploadedText.decode(new byte[0], "x")).isEmpty();
    }
}
