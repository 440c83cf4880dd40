package org.jiesu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jiesu.Api;
import org.jiesu.JiesuTest;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Data scope, endpoint by endpoint: for every staff role, a user of another unit (another county, or a sibling unit
 * of the same county) asks every endpoint that reads or changes an order or its request, and gets 403 or 404 —
 * never the data, never a change. The report counts the cases: {@link #OUTSIDERS} × {@link #endpoints()}.
 */
@JiesuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessMatrixTest extends JourneySupport {

    private static final String SECRET = "矩阵测试专用的诉求原文";

    /** username → role and unit; every staff role once in 玛纳斯县, plus two sibling units of 昌吉市. */
    private static final Map<String, String[]> OUTSIDERS = new LinkedHashMap<>();

    static {
        OUTSIDERS.put("mn-operator", new String[] {"OPERATOR", "652324"});
        OUTSIDERS.put("mn-grid", new String[] {"GRID_WORKER", "652324001001-01"});
        OUTSIDERS.put("mn-handler", new String[] {"HANDLER", "652324001001"});
        OUTSIDERS.put("mn-head", new String[] {"UNIT_HEAD", "652324001001"});
        OUTSIDERS.put("mn-supervisor", new String[] {"SUPERVISOR", "652324"});
        OUTSIDERS.put("mn-admin", new String[] {"ADMIN", "652324"});
        OUTSIDERS.put("housing", new String[] {"HANDLER", "652301-housing"});
        OUTSIDERS.put("property", new String[] {"HANDLER", "652301001001-P"});
    }

    @Autowired
    UserAccounts accounts;

    private final HttpClient http = HttpClient.newHttpClient();
    private long orderId;
    private long requestId;
    private long otherOrderId;
    private long historyBefore;
    private long auditBefore;

    @BeforeAll
    void anOrderOfJiashunCommunity() {
        api = new Api(port);
        for (var e : OUTSIDERS.entrySet()) {
            if (accounts.all().stream().noneMatch(a -> a.username().equals(e.getKey()))) {
                accounts.create(
                        e.getKey(), e.getKey(), Api.PASSWORD, Role.valueOf(e.getValue()[0]), unitId(e.getValue()[1]));
            }
        }
        Api.Response order = dispatchedAt("652301001001-02", "URBAN_FACILITY", SECRET);
        orderId = order.id();
        requestId = order.body().get("requestId").asLong();
        otherOrderId =
                dispatchedAt("652301001001-02", "URBAN_FACILITY", "另一张工单").id();
        historyBefore = historyCount();
        auditBefore = unmaskings();
    }

    /** method, path, body; {o} the order, {r} its request, {m} another order of the same community. */
    static List<String[]> endpoints() {
        return List.of(
                new String[] {"GET", "/api/v1/orders/{o}", null},
                new String[] {"GET", "/api/v1/orders/{o}/history", null},
                new String[] {"GET", "/api/v1/orders/{o}/callbacks", null},
                new String[] {"GET", "/api/v1/requests/{r}", null},
                new String[] {"GET", "/api/v1/requests/{r}/log", null},
                new String[] {"GET", "/api/v1/requests/{r}/orders", null},
                new String[] {"GET", "/api/v1/requests/{r}/route", null},
                new String[] {"GET", "/api/v1/requests/{r}/similar", null},
                new String[] {"POST", "/api/v1/requests/{r}/contact", "{\"reason\":\"看看\"}"},
                new String[] {"POST", "/api/v1/requests/{r}/answer", "{\"answer\":\"已答复\"}"},
                new String[] {"POST", "/api/v1/requests/{r}/dispatch", "{}"},
                new String[] {"POST", "/api/v1/requests/{r}/merge", "{\"intoOrderId\":{m},\"reason\":\"同一事项\"}"},
                new String[] {"POST", "/api/v1/orders/{o}/sign", ""},
                new String[] {"POST", "/api/v1/orders/{o}/return", "{\"reason\":\"不归我们\"}"},
                new String[] {"POST", "/api/v1/orders/{o}/return-ruling", "{\"approve\":true,\"reason\":\"同意\"}"},
                new String[] {"POST", "/api/v1/orders/{o}/extension", "{\"reason\":\"需要时间\"}"},
                new String[] {"POST", "/api/v1/orders/{o}/escalation", "{\"reason\":\"需要上级\"}"},
                new String[] {"POST", "/api/v1/orders/{o}/merge", "{\"intoOrderId\":{m},\"reason\":\"同一事项\"}"},
                new String[] {"POST", "/api/v1/orders/{o}/urge", "{\"reason\":\"抓紧\"}"},
                new String[] {"POST", "/api/v1/orders/{o}/reply", "{\"text\":\"已处理\"}"},
                new String[] {"POST", "/api/v1/orders/{o}/final-reply", "{\"text\":\"最终答复\",\"signedOffBy\":\"某\"}"},
                new String[] {
                    "POST", "/api/v1/orders/{o}/callbacks", "{\"outcome\":\"RESOLVED\",\"satisfaction\":\"SATISFIED\"}"
                },
                new String[] {"PAGE", "/orders/{o}", null});
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (var user : OUTSIDERS.entrySet()) {
            for (String[] e : endpoints()) {
                all.add(Arguments.of(user.getKey(), user.getValue()[0], e[0], e[1], e[2]));
            }
        }
        return all.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{index}: {1} {0}: {2} {3} is refused")
    @MethodSource("cases")
    void aUserOfAnotherUnitIsRefusedAndSeesNothing(String user, String role, String method, String path, String body)
            throws Exception {
        HttpResponse<String> r = send(user, method, path, body);
        assertThat(r.statusCode()).as(r.body()).isIn(403, 404);
        assertThat(r.body())
                .doesNotContain(SECRET)
                .doesNotContain("138****5678")
                .doesNotContain("13812345678");
    }

    @Order(2)
    @Test
    void theMatrixCoversEveryStaffRoleAndChangedNothing() {
        assertThat(OUTSIDERS.values().stream().map(v -> v[0]).distinct())
                .containsExactlyInAnyOrder(Stream.of(Role.values())
                        .filter(Role::staff)
                        .map(Role::name)
                        .toArray(String[]::new));
        assertThat(cases().count())
                .isEqualTo((long) OUTSIDERS.size() * endpoints().size());
        assertThat(historyCount()).isEqualTo(historyBefore);
        assertThat(unmaskings()).isEqualTo(auditBefore);
        assertThat(api.get("/api/v1/orders/" + orderId, "community").text("state"))
                .isEqualTo("DISPATCHED");
    }

    @Order(3)
    @Test
    void listsOfAnotherUnitDoNotShowTheOrder() throws Exception {
        for (String user : OUTSIDERS.keySet()) {
            for (String path : List.of("/api/v1/orders", "/api/v1/requests?view=recent", "/api/v1/callbacks/pending")) {
                HttpResponse<String> r = send(user, "GET", path, null);
                assertThat(r.statusCode()).as(user + " " + path).isIn(200, 403);
                assertThat(r.body()).as(user + " " + path).doesNotContain(SECRET);
            }
            assertThat(send(user, "PAGE", "/inbox", null).body()).doesNotContain(SECRET);
        }
    }

    /** The same requests succeed for the people the order belongs to: the refusals above are about scope. */
    @Order(4)
    @Test
    void theUnitItBelongsToAndTheHotlineSeeIt() throws Exception {
        for (String user : List.of("community", "head", "street", "county", "supervisor", "operator")) {
            HttpResponse<String> r = send(user, "GET", "/api/v1/orders/{o}", null);
            assertThat(r.statusCode()).as(user).isEqualTo(200);
            assertThat(send(user, "PAGE", "/orders/{o}", null).body()).as(user).contains(SECRET);
        }
        assertThat(send("operator", "GET", "/api/v1/requests/{r}", null).body()).contains(SECRET);
        assertThat(send("community", "GET", "/api/v1/orders", null).body()).contains(String.valueOf(orderId));
    }

    private HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
        String p = path.replace("{o}", String.valueOf(orderId))
                .replace("{r}", String.valueOf(requestId))
                .replace("{m}", String.valueOf(otherOrderId));
        String b = body == null ? null : body.replace("{m}", String.valueOf(otherOrderId));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + p))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + Api.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        switch (method) {
            case "GET" -> req.header("Accept", "application/json").GET();
            case "PAGE" -> req.header("Accept", "text/html").GET();
            default ->
                req.header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(b == null ? "" : b, StandardCharsets.UTF_8));
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Receipts are audited after their commit, at their own moment; unmaskings are what an outsider could add. */
    private long unmaskings() {
        return jdbc.sql("select count(*) from audit_entry where action = 'UNMASK_CONTACT'")
                .query(Long.class)
                .single();
    }

    private long historyCount() {
        return jdbc.sql("select count(*) from order_history where order_id = ?")
                .param(orderId)
                .query(Long.class)
                .single();
    }
}
