package org.jiesu.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts PostgreSQL inside the application when no database server is configured, so that one command runs
 * the whole platform. The data folder survives restarts; a server named by {@code JIESU_DB_URL} or {@code
 * spring.datasource.url} switches this off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(Environment env) throws IOException {
        Path dataDir = Path.of(env.getProperty("jiesu.embedded-db.data-dir", "data/postgres"))
                .toAbsolutePath();
        boolean fresh = env.getProperty("jiesu.embedded-db.fresh", Boolean.class, false);
        Files.createDirectories(dataDir.getParent());
        removeStalePidFile(dataDir);
        log.info("Starting embedded PostgreSQL with data in {}", dataDir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(fresh)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("timezone", "UTC")
                .start();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        return postgres.getPostgresDatabase();
    }

    /** A killed run leaves postmaster.pid behind; PostgreSQL refuses to start while it names a live process. */
    private static void removeStalePidFile(Path dataDir) throws IOException {
        Path pid = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return;
        }
        String first = Files.readAllLines(pid).stream().findFirst().orElse("").trim();
        boolean alive = !first.isEmpty()
                && ProcessHandle.of(Long.parseLong(first))
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
        if (!alive) {
            Files.delete(pid);
        }
    }
}
