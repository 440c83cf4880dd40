package org.jiesu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jiesu.Api;
import org.jiesu.Browser;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/** The area and calendar imports judge a file by its content: a PNG called areas.geojson is refused as a PNG. */
class UploadContentTest extends JourneySupport {

    /** The first bytes of a real PNG: signature, then the IHDR chunk of a 1×1 image. */
    private static final byte[] PNG = {
        (byte) 0x89,
        'P',
        'N',
        'G',
        0x0D,
        0x0A,
        0x1A,
        0x0A,
        0,
        0,
        0,
        0x0D,
        'I',
        'H',
        'D',
        'R',
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        1,
        8,
        6,
        0,
        0,
        0,
        0x1F,
        0x15,
        (byte) 0xC4,
        (byte) 0x89
    };

    private String areas() {
        return String.join(
                "\n",
                jdbc.sql("select id || ' ' || coalesce(area::text, '') from unit order by id")
                        .query(String.class)
                        .list());
    }

    private long calendarDays() {
        return count("calendar_day");
    }

    @Test
    void aPngNamedGeojsonIsRefusedOnTheAreaScreenAndChangesNothing() throws Exception {
        Browser admin = new Browser(port);
        admin.signIn("admin");
        String csrf = Browser.csrf(admin.get("/admin/areas").body());
        String before = areas();

        HttpResponse<String> page =
                admin.upload("/admin/areas/import", csrf, "areas.geojson", "application/geo+json", PNG);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("未导入", "The file is a PNG image, not a GeoJSON file");
        assertThat(areas()).isEqualTo(before);
    }

    @Test
    void aPngSentAsGeojsonIsRefusedByTheApi() {
        long grid = unitId("652301001001-01");
        String before = areas();

        Api.Response replaced = api.putBytes("/api/v1/units/" + grid + "/area", "admin", "application/geo+json", PNG);
        Api.Response imported = api.postBytes("/api/v1/areas/import", "admin", "application/json", PNG);

        assertThat(replaced.status()).isEqualTo(400);
        assertThat(replaced.isProblem()).isTrue();
        assertThat(replaced.text("detail")).contains("a PNG image");
        assertThat(imported.status()).isEqualTo(400);
        assertThat(imported.text("detail")).contains("a PNG image");
        assertThat(areas()).isEqualTo(before);
    }

    @Test
    void aPngNamedCsvIsRefusedOnTheCalendarScreen() throws Exception {
        Browser admin = new Browser(port);
        admin.signIn("admin");
        String csrf = Browser.csrf(admin.get("/admin/calendar").body());
        long before = calendarDays();

        HttpResponse<String> page = admin.upload("/admin/calendar/import", csrf, "calendar.csv", "text/csv", PNG);

        // The form comes back with the message next to the file field, as every refused form does.
        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("The file is a PNG image, not a calendar CSV file");
        assertThat(calendarDays()).isEqualTo(before);
    }

    @Test
    void binaryGbkOrNulContentIsRefusedByTheCalendarApi() {
        long before = calendarDays();
        byte[] gbk = "date,kind,name\n2031-10-01,HOLIDAY,国庆节\n".getBytes(Charset.forName("GBK"));
        byte[] nul = "date,kind,name\n2031-10-01,HOLIDAY,国庆\u0000节\n".getBytes(StandardCharsets.UTF_8);

        Api.Response png = api.postBytes("/api/v1/calendar/import", "admin", "text/csv", PNG);
        Api.Response wrongEncoding = api.postBytes("/api/v1/calendar/import", "admin", "text/csv", gbk);
        Api.Response withNul = api.postBytes("/api/v1/calendar/import", "admin", "text/plain", nul);

        assertThat(png.status()).isEqualTo(400);
        assertThat(png.text("detail")).contains("a PNG image, not a calendar CSV file");
        assertThat(wrongEncoding.status()).isEqualTo(400);
        assertThat(wrongEncoding.text("detail")).contains("not UTF-8", "CSV UTF-8");
        assertThat(withNul.status()).isEqualTo(400);
        assertThat(withNul.text("detail")).contains("binary data");
        assertThat(calendarDays()).isEqualTo(before);
    }

    @Test
    void aUtf8CalendarWithAByteOrderMarkStillImports() {
        byte[] excel = "\uFEFFdate,kind,name\r\n2031-10-01,HOLIDAY,国庆节\r\n".getBytes(StandardCharsets.UTF_8);

        Api.Response imported = api.postBytes("/api/v1/calendar/import", "admin", "text/csv", excel);

        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/calendar?year=2031", "admin").body().toString())
                .contains("国庆节");
    }
}
