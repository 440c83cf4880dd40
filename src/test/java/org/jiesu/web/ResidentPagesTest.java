package org.jiesu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiesu.Api;
import org.jiesu.Browser;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/**
 * The resident portal over real HTTP, as a browser without JavaScript meets it: a multipart form with photos, the
 * tracking page, the rating; every bad input comes back next to its field with what was typed, and saves nothing.
 */
class ResidentPagesTest extends JourneySupport {

    private static final Pattern TRACKING_CODE = Pattern.compile("JS\\d{6}(?:-[0-9A-Z]{6}){3}");
    private static final Pattern PHOTO = Pattern.compile("/track/photos/(\\d+)\\?code=");

    /** A whole 1×1 PNG. */
    static final byte[] PNG = java.util.Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    record Part(String name, String fileName, String contentType, byte[] bytes) {}

    /** A resident's browser that also posts multipart forms with several files, as the filing form does. */
    final class Resident {
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<byte[]> bytes(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<String> submit(Map<String, String> fields, List<Part> files) throws Exception {
            String csrf = Browser.csrf(get("/submit").body());
            String boundary = "----resident-test";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Map<String, String> all = new LinkedHashMap<>();
            all.put("_csrf", csrf);
            all.putAll(fields);
            for (var f : all.entrySet()) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                                + "\"\r\n\r\n" + f.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            for (Part p : files) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name()
                                + "\"; filename=\"" + p.fileName() + "\"\r\nContent-Type: " + p.contentType()
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.writeBytes(p.bytes());
                body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/submit"))
                            .header("Accept", "text/html")
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> rate(String code, Map<String, String> fields) throws Exception {
            // The session's token; the tracking page has a form with it only once the request may be rated.
            String page = get("/submit").body();
            Map<String, String> all = new LinkedHashMap<>();
            all.put("_csrf", Browser.csrf(page));
            all.put("code", code);
            all.putAll(fields);
            return new FormPoster(http, port).post("/track/rating", all);
        }
    }

    /** Posts a url-encoded form with a given client, so that the session and its CSRF token are the same. */
    record FormPoster(HttpClient http, int port) {
        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                    .append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Accept", "text/html")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private Map<String, String> fields(String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("text", text);
        f.put("type", "COMPLAINT");
        f.put("categoryCode", "URBAN_FACILITY");
        f.put("communityId", String.valueOf(unitId("652301001001")));
        f.put("contactName", "李四");
        return f;
    }

    private static String code(HttpResponse<String> receipt) {
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        Matcher m = TRACKING_CODE.matcher(receipt.body());
        assertThat(m.find()).as("a tracking code on the receipt").isTrue();
        return m.group();
    }

    @Test
    void aResidentFilesWithAPhotoAndSeesItOnTheTrackingPage() throws Exception {
        Resident resident = new Resident();
        long photos = count("attachment");

        String code = code(resident.submit(
                fields("嘉顺社区 3 号楼前的路灯坏了，晚上很黑。"), List.of(new Part("photos", "lamp.png", "image/png", PNG))));
        HttpResponse<String> track = resident.get("/track?code=" + code);

        assertThat(count("attachment")).isEqualTo(photos + 1);
        assertThat(track.statusCode()).isEqualTo(200);
        assertThat(track.body())
                .contains(code, "3 号楼前的路灯坏了", "rs-progress", "aria-current=\"step\"", "已受理")
                .doesNotContain("李四", "李*");
        Matcher photo = PHOTO.matcher(track.body());
        assertThat(photo.find()).as("a thumbnail on the tracking page").isTrue();
        HttpResponse<byte[]> image = resident.bytes("/track/photos/" + photo.group(1) + "?code=" + code);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.body()).isEqualTo(PNG);
        assertThat(resident.bytes("/track/photos/" + photo.group(1) + "?code=JS000000-AAAAAA-AAAAAA-AAAAAA")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aConfidentialRequestShowsNeitherItsWordsNorItsPhotos() throws Exception {
        Resident resident = new Resident();
        Map<String, String> f = fields("隔壁饭店后厨卫生很差，我不想让老板知道是我反映的。");
        f.put("confidential", "true");

        String code = code(resident.submit(f, List.of(new Part("photos", "kitchen.png", "image/png", PNG))));
        String track = resident.get("/track?code=" + code).body();
        long photoId = jdbc.sql("select a.id from attachment a join request q on q.id = a.request_id "
                        + "where q.tracking_code = ?")
                .param(code)
                .query(Long.class)
                .single();

        assertThat(track).contains(code, "这件诉求要求保密").doesNotContain("后厨卫生", "/track/photos/");
        assertThat(resident.bytes("/track/photos/" + photoId + "?code=" + code).statusCode())
                .isEqualTo(404);
    }

    @Test
    void everyBadInputComesBackNextToItsFieldWithWhatWasTypedAndSavesNothing() throws Exception {
        Resident resident = new Resident();
        byte[] big = new byte[5 * 1024 * 1024 + 10];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        record Case(String name, Map<String, String> fields, List<Part> files, String errorId, String message) {}
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("empty text", fields(""), List.of(), "text-error", "请写下您要反映的事情"));
        cases.add(new Case("too long", fields("长".repeat(2001)), List.of(), "text-error", "最多 2000 字，现在有 2001 字"));
        Map<String, String> words = fields("路面塌陷了，很危险");
        words.put("latitude", "北纬44度");
        words.put("longitude", "87.3");
        cases.add(new Case("latitude in words", words, List.of(), "latitude-error", "请填写数字"));
        Map<String, String> range = fields("路面塌陷了，很危险");
        range.put("latitude", "95");
        range.put("longitude", "87.3");
        cases.add(new Case("latitude out of range", range, List.of(), "latitude-error", "请填写数字"));
        Map<String, String> outside = fields("路面塌陷了，很危险");
        outside.put("latitude", "39.9");
        outside.put("longitude", "116.4");
        cases.add(new Case("outside the prefecture", outside, List.of(), "latitude-error", "不在本州的辖区内"));
        Map<String, String> half = fields("路面塌陷了，很危险");
        half.put("latitude", "44.0");
        cases.add(new Case("latitude alone", half, List.of(), "longitude-error", "要一起填写"));
        Map<String, String> phone = fields("路面塌陷了，很危险");
        phone.put("contactPhone", "call me");
        cases.add(new Case("phone", phone, List.of(), "contactPhone-error", "电话号码"));
        Part png = new Part("photos", "a.png", "image/png", PNG);
        cases.add(
                new Case("four photos", fields("路面塌陷了，很危险"), List.of(png, png, png, png), "photos-error", "最多只能附 3 张"));
        cases.add(new Case(
                "too big",
                fields("路面塌陷了，很危险"),
                List.of(new Part("photos", "big.png", "image/png", big)),
                "photos-error",
                "超过了 5 MB"));
        cases.add(new Case(
                "text called png",
                fields("路面塌陷了，很危险"),
                List.of(new Part("photos", "fake.png", "image/png", "not an image".getBytes(StandardCharsets.UTF_8))),
                "photos-error",
                "不是 JPEG、PNG 或 WebP 图片"));
        Map<String, String> community = fields("路面塌陷了，很危险");
        community.put("communityId", "999999");
        cases.add(new Case("unknown community", community, List.of(), "communityId-error", "请从列表中选择"));

        for (Case c : cases) {
            long requests = count("request");
            long photos = count("attachment");

            HttpResponse<String> refused = resident.submit(c.fields(), c.files());

            assertThat(refused.statusCode()).as(c.name()).isEqualTo(400);
            assertThat(refused.body())
                    .as(c.name())
                    .contains("id=\"" + c.errorId() + "\"", c.message(), "aria-invalid=\"true\"", "value=\"李四\"")
                    .doesNotContain("Exception");
            String typed = c.fields().get("text");
            assertThat(refused.body()).as(c.name()).contains(typed.length() > 50 ? typed.substring(0, 50) : typed);
            assertThat(count("request")).as(c.name()).isEqualTo(requests);
            assertThat(count("attachment")).as(c.name()).isEqualTo(photos);
        }
    }

    @Test
    void typingSuggestsCategoriesAndKnowledgeBaseAnswers() throws Exception {
        String fragment = new Resident()
                .get("/submit/suggestions?text="
                        + java.net.URLEncoder.encode("家里暖气一点都不热，供暖期到了", StandardCharsets.UTF_8))
                .body();

        assertThat(fragment)
                .contains("data-code=\"UTILITY_HEATING\"", "暖气不热怎么办")
                .doesNotContain("<html");
    }

    @Test
    void anUnknownCodeSaysSoNextToTheField() throws Exception {
        HttpResponse<String> page = new Resident().get("/track?code=NOPE");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("id=\"code-error\"", "没有找到这个查询码", "value=\"NOPE\"");
    }

    @Test
    void theResidentRatesOnceAfterTheReplyAndASecondRatingIsRefused() throws Exception {
        Resident resident = new Resident();
        String code = code(resident.submit(fields("嘉顺社区 8 号楼的路灯不亮了。"), List.of()));
        long requestId = jdbc.sql("select id from request where tracking_code = ?")
                .param(code)
                .query(Long.class)
                .single();
        Map<String, String> rating = Map.of("resolved", "yes", "satisfaction", "SATISFIED", "comment", "修得很快");

        HttpResponse<String> early = resident.rate(code, rating);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("还没有答复");
        assertThat(count("resident_rating")).isEqualTo(ratings(requestId));

        Api.Response order = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", "{}");
        assertThat(order.status()).as(order.body().toString()).isEqualTo(201);
        String handler = order.body().path("unitId").asLong() == unitId("652301001001") ? "community" : "admin";
        assertThat(api.post("/api/v1/orders/" + order.id() + "/sign", handler, null)
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/orders/" + order.id() + "/reply", handler, Api.json("text", "路灯已更换，恢复照明。"))
                        .status())
                .isEqualTo(200);
        String replied = resident.get("/track?code=" + code).body();
        assertThat(replied).contains("路灯已更换，恢复照明。", "rs-rating-form", "rs-done");

        HttpResponse<String> missing = resident.rate(code, Map.of("resolved", "yes", "comment", "还行"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("id=\"satisfaction-error\"", "请选择您是否满意", "还行");
        assertThat(ratings(requestId)).isZero();

        HttpResponse<String> rated = resident.rate(code, rating);
        assertThat(rated.statusCode()).isEqualTo(200);
        assertThat(rated.uri().getPath()).isEqualTo("/track");
        assertThat(rated.body()).contains("谢谢您的评价", "您已评价").doesNotContain("rs-rating-form");
        assertThat(ratings(requestId)).isEqualTo(1);

        HttpResponse<String> twice = new FormPoster(resident.http, port)
                .post(
                        "/track/rating",
                        Map.of(
                                "_csrf",
                                Browser.csrf(replied),
                                "code",
                                code,
                                "resolved",
                                "no",
                                "satisfaction",
                                "DISSATISFIED"));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("已经评价过了");
        assertThat(ratings(requestId)).isEqualTo(1);
        assertThat(jdbc.sql("select satisfaction from resident_rating where request_id = ?")
                        .param(requestId)
                        .query(String.class)
                        .single())
                .isEqualTo("SATISFIED");
    }

    @Test
    void theUyghurPagesAreRightToLeftAndTheEnglishOnesInEnglish() throws Exception {
        Resident resident = new Resident();

        String uyghur = resident.get("/submit?lang=ug").body();
        String english = resident.get("/track?lang=en").body();

        assertThat(uyghur).contains("dir=\"rtl\"", "ئىلتىماس سۇنۇش", "رەسىم قوشۇش");
        assertThat(english).contains("dir=\"ltr\"", "Track a request", "Tracking code");
    }

    @Test
    void theResidentPagesAnswerWithin200Milliseconds() throws Exception {
        Resident resident = new Resident();
        String code =
                code(resident.submit(fields("小区门口的井盖丢了，很危险。"), List.of(new Part("photos", "a.png", "image/png", PNG))));
        String text = java.net.URLEncoder.encode("暖气不热，家里很冷，物业不管", StandardCharsets.UTF_8);
        for (String path : List.of("/submit", "/track?code=" + code, "/submit/suggestions?text=" + text)) {
            resident.get(path);
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThat(resident.get(path).statusCode()).isEqualTo(200);
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            millis.sort(null);
            assertThat(millis.get(2)).as(path + " " + millis).isLessThan(200);
        }
    }

    private long ratings(long requestId) {
        return jdbc.sql("select count(*) from resident_rating where request_id = ?")
                .param(requestId)
                .query(Long.class)
                .single();
    }
}
