package org.jiesu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The migrated database, whatever made it so (SQL or Java migrations, or a listener that creates tables), names no
 * table or column for ethnicity, religion, politics or lists of people. The words are those of {@link ProfilingNames}.
 */
@JiesuTest
class SchemaNamesTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theMigratedSchemaNamesNoTableOrColumnForEthnicityReligionPoliticsOrListsOfPeople() {
        List<List<String>> names = jdbc.sql("""
                        select table_schema, table_name, column_name
                        from information_schema.columns
                        where table_schema not in ('pg_catalog', 'information_schema')
                          and table_schema not like 'pg\\_%'
                        union
                        select table_schema, table_name, null
                        from information_schema.tables
                        where table_schema not in ('pg_catalog', 'information_schema')
                          and table_schema not like 'pg\\_%'""")
                .query((rs, row) -> {
                    List<String> parts = new ArrayList<>(List.of(rs.getString(1), rs.getString(2)));
                    if (rs.getString(3) != null) {
                        parts.add(rs.getString(3));
                    }
                    return List.copyOf(parts);
                })
                .list();
        // Looking at the wrong database would find nothing wrong.
        assertThat(names)
                .contains(
                        List.of("public", "work_order", "state_before_return"),
                        List.of("public", "calendar_day", "day"),
                        List.of("public", "flyway_schema_history"));
        List<String> offences = new ArrayList<>();
        for (List<String> name : names) {
            // Each part on its own: a table and a column must not make a forbidden word between them.
            for (String part : name) {
                List<String> terms = ProfilingNames.termsIn(part);
                if (!terms.isEmpty()) {
                    offences.add(String.join(".", name) + " says " + terms);
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}
