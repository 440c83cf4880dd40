package org.jiesu.open311;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jiesu.JiesuTest;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * GeoReport v2 as its specification reads (http://wiki.open311.org/GeoReport_v2): every method in both formats,
 * JSON answers checked against the schemas in {@code src/test/resources/open311}, XML answers checked to carry the
 * same content, and every error in the spec's {@code errors/error} shape.
 */
@JiesuTest
class Open311ContractTest extends JourneySupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "jiesu-demo-key";
    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String contentType, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        Document xml() throws Exception {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private Answer get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<String> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private Answer get(String path) throws Exception {
        return get(path, null);
    }

    private Answer post(String path, Map<String, String> form) throws Exception {
        return post(path, form, null);
    }

    private Answer post(String path, Map<String, String> form, String idempotencyKey) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> r = http.send(
                b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private static void valid(String schema, JsonNode json) throws Exception {
        try (InputStream in = Open311ContractTest.class.getResourceAsStream("/open311/" + schema + ".schema.json")) {
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
            Set<ValidationMessage> problems = s.validate(json);
            assertThat(problems).as(schema + ": " + json).isEmpty();
        }
    }

    private Map<String, String> filing(String description) {
        double[] p = pointIn("652301001001-02");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", KEY);
        form.put("service_code", "URBAN_FACILITY");
        form.put("lat", String.valueOf(p[0]));
        form.put("long", String.valueOf(p[1]));
        form.put("description", description);
        form.put("first_name", "三");
        form.put("last_name", "张");
        form.put("phone", "13812345678");
        form.put("email", "zhang@example.org");
        return form;
    }

    /** Files through Open311 and returns the new service_request_id. */
    private String filed(Map<String, String> form) throws Exception {
        Answer a = post("/open311/v2/requests.json", form);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        valid("post", a.json());
        return a.json().get(0).get("service_request_id").asText();
    }

    /** The children of each {@code item} element under the root, as text by name: XML's view of a list. */
    private static List<Map<String, String>> xmlItems(Document xml, String item) {
        List<Map<String, String>> out = new ArrayList<>();
        var nodes = xml.getDocumentElement().getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(item)) {
                Map<String, String> fields = new LinkedHashMap<>();
                var children = e.getChildNodes();
                for (int j = 0; j < children.getLength(); j++) {
                    Node c = children.item(j);
                    if (c instanceof Element child) {
                        fields.put(child.getTagName(), child.getTextContent());
                    }
                }
                out.add(fields);
            }
        }
        return out;
    }

    /** The same list in both formats: every JSON field of every item is in the XML with the same text. */
    private void sameInBothFormats(String pathWithoutSuffix, String query, String item) throws Exception {
        Answer json = get(pathWithoutSuffix + ".json" + query);
        Answer xml = get(pathWithoutSuffix + ".xml" + query);
        assertThat(json.status()).isEqualTo(200);
        assertThat(xml.status()).isEqualTo(200);
        List<Map<String, String>> fromXml = xmlItems(xml.xml(), item);
        assertThat(fromXml).hasSize(json.json().size());
        for (int i = 0; i < json.json().size(); i++) {
            Iterator<Map.Entry<String, JsonNode>> fields = json.json().get(i).fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (f.getValue().isValueNode()) {
                    assertThat(fromXml.get(i))
                            .containsEntry(f.getKey(), f.getValue().asText());
                } else {
                    assertThat(fromXml.get(i)).containsKey(f.getKey());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ tests

    @Test
    void discoveryNamesTheEndpointInBothFormats() throws Exception {
        Answer json = get("/open311/discovery.json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        valid("discovery", json.json());
        Answer xml = get("/open311/discovery.xml");
        assertThat(xml.contentType()).startsWith("application/xml");
        Document d = xml.xml();
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("discovery");
        assertThat(d.getElementsByTagName("specification").item(0).getTextContent())
                .isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(d.getElementsByTagName("format").getLength()).isEqualTo(2);
    }

    @Test
    void servicesAreListedInBothFormatsAndTheSuffixWinsOverAccept() throws Exception {
        Answer json = get("/open311/v2/services.json");
        valid("services", json.json());
        List<String> codes = new ArrayList<>();
        json.json().forEach(s -> codes.add(s.get("service_code").asText()));
        assertThat(codes).contains("URBAN_FACILITY", "ENV_WASTE");
        sameInBothFormats("/open311/v2/services", "", "service");
        // A client that asks for JSON in its header but XML in its path gets XML, not an error.
        Answer conflicting = get("/open311/v2/services.xml", "application/json");
        assertThat(conflicting.status()).isEqualTo(200);
        assertThat(conflicting.contentType()).startsWith("application/xml");
        assertThat(get("/open311/v2/services.json?jurisdiction_id=jiesu").status())
                .isEqualTo(200);
    }

    @Test
    void aServiceDefinitionListsItsAttributesWithValues() throws Exception {
        Answer json = get("/open311/v2/services/URBAN_FACILITY.json");
        assertThat(json.status()).isEqualTo(200);
        valid("definition", json.json());
        Answer xml = get("/open311/v2/services/URBAN_FACILITY.xml");
        Document d = xml.xml();
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("service_definition");
        assertThat(d.getElementsByTagName("attribute").getLength())
                .isEqualTo(json.json().get("attributes").size());
        assertThat(d.getElementsByTagName("value").getLength())
                .isEqualTo(json.json().get("attributes").findValues("key").size());
    }

    @Test
    void unknownResourcesAndJurisdictionsAre404InTheRequestedFormat() throws Exception {
        for (String path : List.of(
                "/open311/v2/services/NO_SUCH.json",
                "/open311/v2/requests/999999999.json",
                "/open311/v2/requests/not-a-number.json",
                "/open311/v2/tokens/nosuchtoken.json",
                "/open311/v2/services.json?jurisdiction_id=elsewhere")) {
            Answer a = get(path);
            assertThat(a.status()).as(path).isEqualTo(404);
            valid("errors", a.json());
            assertThat(a.json().get(0).get("code").asInt()).isEqualTo(404);
        }
        // jurisdiction_id in a POST body is checked like one in a query string; nothing is filed elsewhere.
        long before = count("request");
        Map<String, String> elsewhere = filing("别的辖区");
        elsewhere.put("jurisdiction_id", "elsewhere");
        assertThat(post("/open311/v2/requests.json", elsewhere).status()).isEqualTo(404);
        elsewhere.put("jurisdiction_id", "jiesu");
        assertThat(post("/open311/v2/requests.json", elsewhere).status()).isEqualTo(201);
        assertThat(count("request")).isEqualTo(before + 1);
        Answer xml = get("/open311/v2/services/NO_SUCH.xml");
        assertThat(xml.status()).isEqualTo(404);
        Document d = xml.xml();
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(d.getElementsByTagName("code").item(0).getTextContent()).isEqualTo("404");
        assertThat(d.getElementsByTagName("description").item(0).getTextContent())
                .contains("NO_SUCH");
    }

    @Test
    void filingNeedsAValidKey() throws Exception {
        long before = count("request");
        Map<String, String> form = filing("没有钥匙的提交");
        form.remove("api_key");
        Answer none = post("/open311/v2/requests.json", form);
        assertThat(none.status()).isEqualTo(403);
        valid("errors", none.json());
        form.put("api_key", "wrong-key");
        Answer wrong = post("/open311/v2/requests.xml", form);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.xml().getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(count("request")).isEqualTo(before);
    }

    @Test
    void aFullRoundTripFromFilingToTheFilteredList() throws Exception {
        Instant start = Instant.now(clock).minusSeconds(5);
        Answer posted = post("/open311/v2/requests.xml", filing("单元门禁坏了，进不去楼"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        Map<String, String> receipt = xmlItems(posted.xml(), "request").get(0);
        String id = receipt.get("service_request_id");
        String token = receipt.get("token");

        Answer byToken = get("/open311/v2/tokens/" + token + ".json");
        valid("token", byToken.json());
        assertThat(byToken.json().get(0).get("service_request_id").asText()).isEqualTo(id);

        Answer one = get("/open311/v2/requests/" + id + ".json");
        valid("requests", one.json());
        JsonNode r = one.json().get(0);
        assertThat(r.get("status").asText()).isEqualTo("open");
        assertThat(r.get("service_code").asText()).isEqualTo("URBAN_FACILITY");
        assertThat(r.get("description").asText()).isEqualTo("单元门禁坏了，进不去楼");
        assertThat(r.get("lat").isNumber()).isTrue();
        // Contact details never leave through GET, masked or not.
        assertThat(one.body()).doesNotContain("1381234", "5678", "张", "zhang@");

        // It travels like any request: the catalogue routes it, and the public sees who handles it and by when.
        assertThat(api.post("/api/v1/requests/" + id + "/dispatch", "operator", "{}")
                        .status())
                .isEqualTo(201);
        JsonNode dispatched = get("/open311/v2/requests/" + id + ".json").json().get(0);
        assertThat(dispatched.get("agency_responsible").asText()).isEqualTo("嘉顺社区");
        assertThat(dispatched.has("expected_datetime")).isTrue();
        assertThat(dispatched.get("status_notes").asText()).contains("嘉顺社区");

        String window = "?start_date=" + enc(start) + "&end_date="
                + enc(Instant.now(clock).plusSeconds(5));
        Answer list = get("/open311/v2/requests.json" + window + "&status=open");
        valid("requests", list.json());
        assertThat(ids(list.json())).contains(id);
        // The list reads a page's orders and changes in a few statements; each entry is the one GET shows alone.
        for (JsonNode entry : list.json()) {
            if (entry.get("service_request_id").asText().equals(id)) {
                assertThat(entry).isEqualTo(dispatched);
            }
        }
        assertThat(ids(get("/open311/v2/requests.json" + window + "&status=closed")
                        .json()))
                .doesNotContain(id);
        sameInBothFormats("/open311/v2/requests", window, "request");
        Answer updates = get("/open311/v2/servicerequestupdates.json" + window);
        assertThat(updates.status()).isEqualTo(200);
        assertThat(updates.body()).contains("\"service_request_id\":\"" + id + "\"");
    }

    @Test
    void aListOfIdsOverridesEveryOtherFilter() throws Exception {
        String id = filed(filing("按编号查询"));
        Answer a = get("/open311/v2/requests.json?service_request_id=" + id + ",999999999&status=closed"
                + "&service_code=ENV_WASTE&start_date=2020-01-01T00:00:00Z&end_date=2020-01-02T00:00:00Z");
        assertThat(a.status()).isEqualTo(200);
        assertThat(ids(a.json())).containsExactly(id);
    }

    @Test
    void pagesSplitTheList() throws Exception {
        filed(filing("分页一"));
        filed(filing("分页二"));
        List<String> first = ids(get("/open311/v2/requests.json?page_size=1").json());
        List<String> second =
                ids(get("/open311/v2/requests.json?page_size=1&page=2").json());
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
    }

    @Test
    void aConfidentialRequestShowsOnlyWhereItStands() throws Exception {
        Map<String, String> form = filing("举报私搭乱建，请保密");
        form.put("attribute[confidential]", "true");
        form.put("attribute[request_type]", "REPORT");
        form.put("address_string", "嘉顺路 5 号");
        String id = filed(form);
        Answer one = get("/open311/v2/requests/" + id + ".json?extensions=true");
        valid("requests", one.json());
        JsonNode r = one.json().get(0);
        assertThat(r.has("description")).isFalse();
        assertThat(r.has("lat")).isFalse();
        assertThat(r.has("address")).isFalse();
        assertThat(r.get("service_notice").asText()).contains("Confidential");
        assertThat(one.body()).doesNotContain("私搭乱建", "嘉顺路");
        assertThat(get("/open311/v2/requests/" + id + ".xml").body()).doesNotContain("私搭乱建", "嘉顺路");
        assertThat(r.get("extended_attributes").get("request_type").asText()).isEqualTo("REPORT");
    }

    @Test
    void badInputIsRefusedAsTheSpecSaysAndNothingIsStored() throws Exception {
        long before = count("request");
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        Map<String, String> unknownService = filing("未知服务");
        unknownService.put("service_code", "NO_SUCH");
        cases.put("unknown service", unknownService);
        Map<String, String> nowhere = filing("没有地点");
        nowhere.remove("lat");
        nowhere.remove("long");
        cases.put("no location", nowhere);
        Map<String, String> halfPoint = filing("只有纬度");
        halfPoint.remove("long");
        cases.put("lat without long", halfPoint);
        Map<String, String> badLat = filing("纬度不是数字");
        badLat.put("lat", "north");
        cases.put("lat not a number", badLat);
        cases.put("description over 4,000", filing("长".repeat(4001)));
        cases.put("description over our 2,000", filing("长".repeat(2001)));
        cases.put("html", filing("<script>alert(1)</script>路灯坏了"));
        Map<String, String> badAttribute = filing("属性不对");
        badAttribute.put("attribute[urgency]", "VERY");
        cases.put("attribute value", badAttribute);
        Map<String, String> unknownAttribute = filing("没有的属性");
        unknownAttribute.put("attribute[colour]", "red");
        cases.put("unknown attribute", unknownAttribute);
        Map<String, String> badAddress = filing("地址编号不对");
        badAddress.remove("lat");
        badAddress.remove("long");
        badAddress.put("address_id", "abc");
        cases.put("address_id", badAddress);
        for (var c : cases.entrySet()) {
            for (String format : List.of("json", "xml")) {
                Answer a = post("/open311/v2/requests." + format, c.getValue());
                assertThat(a.status())
                        .as(c.getKey() + " " + format + ": " + a.body())
                        .isEqualTo(400);
                if (format.equals("json")) {
                    valid("errors", a.json());
                } else {
                    assertThat(a.xml().getElementsByTagName("error").getLength())
                            .isEqualTo(1);
                }
            }
        }
        assertThat(count("request")).isEqualTo(before);

        for (String query : List.of(
                "?start_date=yesterday",
                "?start_date=2026-01-01T00:00:00+08:00&end_date=2026-04-02T00:00:00+08:00",
                "?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z",
                "?status=pending",
                "?page_size=0",
                "?page=x")) {
            Answer a = get("/open311/v2/requests.json" + query);
            assertThat(a.status()).as(query).isEqualTo(400);
            valid("errors", a.json());
        }
    }

    @Test
    void aRevokedKeyFilesNoMore() throws Exception {
        var issued = api.post("/api/v1/open311/clients", "admin", org.jiesu.Api.json("name", "吊销测试客户端"));
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.body().get("apiKey").asString();
        Map<String, String> form = filing("新客户端提交");
        form.put("api_key", key);
        filed(form);
        // Only a hash is kept.
        assertThat(jdbc.sql("select count(*) from open311_client where key_hash = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isZero();
        long client = issued.body().get("client").get("id").asLong();
        assertThat(api.post("/api/v1/open311/clients/" + client + "/revoke", "admin", "")
                        .status())
                .isEqualTo(200);
        assertThat(post("/open311/v2/requests.json", form).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/open311/clients", "operator", org.jiesu.Api.json("name", "x"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aRetriedFilingWithTheSameIdempotencyKeyReturnsTheSameRequest() throws Exception {
        Map<String, String> form = filing("重试提交不会重复");
        String key = "open311-retry-" + System.nanoTime();
        Answer first = post("/open311/v2/requests.json", form, key);
        assertThat(first.status()).isEqualTo(201);
        long after = count("request");
        Answer retry = post("/open311/v2/requests.json", form, key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get(0).get("service_request_id").asText())
                .isEqualTo(first.json().get(0).get("service_request_id").asText());
        assertThat(retry.json().get(0).get("token").asText())
                .isEqualTo(first.json().get(0).get("token").asText());
        assertThat(count("request")).isEqualTo(after);

        form.put("description", "同一个键，另一份诉求");
        Answer other = post("/open311/v2/requests.xml", form, key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.xml().getElementsByTagName("code").item(0).getTextContent())
                .isEqualTo("422");
        assertThat(count("request")).isEqualTo(after);
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(r -> out.add(r.get("service_request_id").asText()));
        return out;
    }

    private static String enc(Instant at) {
        return URLEncoder.encode(
                OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(8)).withNano(0).toString(), StandardCharsets.UTF_8);
    }
}
