package org.jiesu;

import static org.assertj.core.api.Assertions.assertThat;

import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Journey tests drive the real server over HTTP; this holds what they share. */
@JiesuTest
public abstract class JourneySupport {

    @LocalServerPort
    protected int port;

    @Autowired
    protected UnitDirectory units;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TestClock clock;

    protected Api api;

    @BeforeEach
    void startClient() {
        api = new Api(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected long unitId(String code) {
        return units.findByCode(code).orElseThrow().id();
    }

    /** A point inside the area of the unit with this code. */
    protected double[] pointIn(String code) {
        return units.centre(unitId(code)).orElseThrow();
    }

    /** A resident files a request at a point inside the unit's area; returns the request. */
    protected Api.Response fileAt(String unitCode, String category, String text) {
        double[] p = pointIn(unitCode);
        Api.Response filed = api.post(
                "/api/v1/requests",
                null,
                Api.json(
                        "text",
                        text,
                        "categoryCode",
                        category,
                        "latitude",
                        p[0],
                        "longitude",
                        p[1],
                        "contactName",
                        "张三",
                        "contactPhone",
                        "13812345678"));
        assertThat(filed.status()).as(filed.body().toString()).isEqualTo(201);
        return filed;
    }

    /** Files and dispatches through the catalogue; returns the lead order. */
    protected Api.Response dispatchedAt(String unitCode, String category, String text) {
        long requestId = fileAt(unitCode, category, text).id();
        Api.Response order = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", "{}");
        assertThat(order.status()).as(order.body().toString()).isEqualTo(201);
        return order;
    }

    protected long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
