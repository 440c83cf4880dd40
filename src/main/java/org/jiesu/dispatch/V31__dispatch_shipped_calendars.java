package org.jiesu.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Loads the calendars shipped in {@code calendar/*.csv} into {@code calendar_day}, through the same parser and
 * checks as an administrator's import, so a shipped file can never hold what an import would refuse. A Spring bean
 * because Spring Boot hands {@code JavaMigration} beans to Flyway; it runs on every fresh database, demo or not.
 */
@Component
class V31__dispatch_shipped_calendars extends BaseJavaMigration {

    static final List<String> SHIPPED = List.of("calendar/cn-2026.csv", "calendar/cn-2027.csv");

    @Override
    public void migrate(Context context) throws Exception {
        try (PreparedStatement insert = context.getConnection()
                .prepareStatement("insert into calendar_day (day, kind, name) values (?, ?, ?)")) {
            for (String file : SHIPPED) {
                for (CalendarDay day : CalendarFile.parse(read(file))) {
                    insert.setDate(1, Date.valueOf(day.date()));
                    insert.setString(2, day.kind().name());
                    insert.setString(3, day.name());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static String read(String file) throws IOException {
        try (InputStream in = new ClassPathResource(file).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
