package org.jiesu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aHistoryRowLandsInItsMonthAndCannotBeChanged() {
        long id = fileAt("652301001001-01", "ENV_WASTE", "按月分区 " + UUID.randomUUID())
                .id();
        assertThat(api.post("/api/v1/requests/" + id + "/dispatch", "operator", "{}")
                        .status())
                .isEqualTo(201);
        List<Object> row = jdbc.sql("""
                        select h.id, h.tableoid::regclass::text, h.at from order_history h
                          join work_order o on o.id = h.order_id
                         where o.request_id = :id order by h.id limit 1""")
                .param("id", id)
                .query((rs, n) -> List.<Object>of(
                        rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .single();
        LocalDate month =
                LocalDate.ofInstant((Instant) row.get(2), ZoneOffset.UTC).withDayOfMonth(1);
        assertThat(row.get(1)).isEqualTo(monthName("order_history", month));

        assertThatThrownBy(() -> jdbc.sql("update order_history set reason = 'changed' where id = :id")
                        .param("id", row.get(0))
                        .update())
                .hasMessageContaining("append-only");
    }

    @Test
    void aRowFromLongAgoLandsInTheDefaultPartition() {
        long id = fileAt("652301001001-01", "ENV_WASTE", "很久以前 " + UUID.randomUUID())
                .id();
        String partition = jdbc.sql("""
                        insert into request_log (request_id, at, actor, action, detail)
                        select request_id, '2001-02-03T04:05:06Z', actor, action, detail
                          from request_log where request_id = :id limit 1
                        returning tableoid::regclass::text""").param("id", id).query(String.class).single();
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
