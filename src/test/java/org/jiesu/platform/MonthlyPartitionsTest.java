package org.jiesu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The history tables are split by month, with a year of months ahead; every large table carries the county. */
class MonthlyPartitionsTest extends JourneySupport {

    @Autowired
    MonthlyPartitions partitions;

    private List<String> partitionsOf(String table) {
        return jdbc.sql("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                         where i.inhparent = :table::regclass order by c.relname""").param("table", table).query(String.class).list();
    }

    private static String monthName(String table, LocalDate month) {
        return String.format("%s_y%04dm%02d", table, month.getYear(), month.getMonthValue());
    }

    @Test
    void eachHistoryTableHasThisMonthAndTheNextTwelveAndADefault() {
        partitions.ensureAhead();
        LocalDate now = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        for (String table : MonthlyPartitions.TABLES) {
            List<String> names = partitionsOf(table);
            assertThat(names).contains(table + "_default");
            for (int m = 0; m <= 12; m++) {
                assertThat(names).contains(monthName(table, now.plusMonths(m)));
            }
        }
        assertThat(partitions.ensureAhead()).as("nothing is made twice").isZero();
    }

    @Test
    void aHistoryRowLandsInItsMonthTakesItsCountyFromItsOrderAndCannotBeChanged() {
        // An order of the demo in a county, and its request.
        long order = jdbc.sql("""
                        select o.id from work_order o join request r on r.id = o.request_id
                         where r.county_id is not null order by o.id limit 1""").query(Long.class).single();
        Instant at = Instant.now();
        long id = jdbc.sql("""
                        insert into order_history (order_id, at, actor, action, from_state, to_state, unit_id)
                        select id, :at, 'test', 'NOTE', state, state, unit_id from work_order where id = :order
                        returning id""")
                .param("at", Timestamp.from(at))
                .param("order", order)
                .query(Long.class)
                .single();
        List<Object> row = jdbc.sql("""
                        select h.tableoid::regclass::text, h.county_id = o.county_id, o.county_id is not null
                          from order_history h join work_order o on o.id = h.order_id where h.id = :id""")
                .param("id", id)
                .query((rs, n) -> List.<Object>of(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)))
                .single();
        assertThat(row.get(0))
                .isEqualTo(monthName(
                        "order_history", LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1)));
        assertThat(row.get(1)).as("the county comes from the order").isEqualTo(true);
        assertThat(row.get(2)).isEqualTo(true);

        assertThatThrownBy(() -> jdbc.sql("update order_history set reason = 'changed' where id = :id")
                        .param("id", id)
                        .update())
                .hasMessageContaining("append-only");
    }

    @Test
    void aRowFromLongAgoLandsInTheDefaultPartition() {
        long request = jdbc.sql("select min(id) from request").query(Long.class).single();
        String partition =
                jdbc.sql("""
                        insert into request_log (request_id, at, actor, action)
                        values (:request, '2001-02-03T04:05:06Z', 'test', 'NOTE')
                        returning tableoid::regclass::text""").param("request", request).query(String.class).single();
        assertThat(partition).isEqualTo("request_log_default");
    }

    @Test
    void aRequestTakesTheCountyOfTheGridAtItsPointAndItsLogAndOrdersFollow() {
        long id = fileAt("652301001001-01", "ENV_WASTE", "分县存放 " + UUID.randomUUID())
                .id();
        long county = jdbc.sql("select id from unit where code = '652301'")
                .query(Long.class)
                .single();

        assertThat(jdbc.sql("select county_id from request where id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(county);
        assertThat(jdbc.sql("select county_id from request_log where request_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .list())
                .isNotEmpty()
                .containsOnly(county);
        assertThat(api.post("/api/v1/requests/" + id + "/dispatch", "operator", "{}")
                        .status())
                .isEqualTo(201);
        assertThat(jdbc.sql("""
                        select o.county_id from work_order o where o.request_id = :id
                        union all
                        select h.county_id from order_history h join work_order o on o.id = h.order_id
                         where o.request_id = :id""").param("id", id).query(Long.class).list())
                .isNotEmpty()
                .containsOnly(county);
    }
}
