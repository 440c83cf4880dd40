package org.jiesu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.jiesu.JiesuTest;
import org.jiesu.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@JiesuTest
class DemoDataTest {

    @Autowired
    JdbcClient jdbc;

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void theDemoPrefectureHasEveryLevelWithTwoToFourGridsPerCommunity() {
        for (String kind : new String[] {
            "PREFECTURE",
            "COUNTY",
            "STREET",
            "TOWNSHIP",
            "COMMUNITY",
            "VILLAGE",
            "GRID",
            "DEPARTMENT",
            "UTILITY",
            "PROPERTY",
            "HOTLINE",
            "OFFICE"
        }) {
            assertThat(count("select count(*) from unit where kind = '" + kind + "'"))
                    .as(kind)
                    .isPositive();
        }
        assertThat(count("""
                        select count(*) from unit c
                        where c.kind in ('COMMUNITY', 'VILLAGE')
                          and (select count(*) from unit g where g.parent_id = c.id and g.kind = 'GRID') not between 2 and 4""")).isZero();
        assertThat(
                        count(
                                "select count(*) from unit where kind in ('COUNTY','STREET','TOWNSHIP','COMMUNITY','VILLAGE','GRID') and area is null"))
                .isZero();
    }

    @Test
    void theDemoRequestsCoverEveryStageOfTheLifecycle() {
        for (String state : new String[] {"DISPATCHED", "SIGNED", "REPLIED", "RETURN_REQUESTED", "CLOSED"}) {
            assertThat(count("select count(*) from work_order where state = '" + state + "'"))
                    .as(state)
                    .isPositive();
        }
        assertThat(count("select count(*) from work_order where urged_at is not null"))
                .isPositive();
        assertThat(count("select count(*) from request where status = 'ANSWERED'"))
                .isPositive();
        assertThat(count("select count(*) from request where status = 'RECEIVED'"))
                .isPositive();
    }

    @Test
    void everyRoleHasADemoAccount() {
        assertThat(jdbc.sql("select distinct role from app_user")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(Arrays.stream(Role.values())
                        .filter(Role::staff)
                        .map(Role::name)
                        .toArray(String[]::new));
    }
}
