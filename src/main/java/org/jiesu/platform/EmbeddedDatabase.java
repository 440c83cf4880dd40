package org.jiesu.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
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

    /**
     * A pool, as with an external server: it keeps connections open instead of starting a PostgreSQL backend per
     * transaction, and it replaces broken ones by itself after the server restarts. {@code spring.datasource.hikari.*}
     * applies as it would to a server's pool.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        pool.setUsername("postgres");
        pool.setPoolName("embedded");
        return pool;
    }

    /**
     * Clears what a killed run leaves in the data folder. The postmaster.pid file of a run that ended with its
     * PostgreSQL is stale: PostgreSQL refuses to start while it names a live process. And when only the Java
     * process was killed (SIGKILL, the OOM killer), its PostgreSQL lives on as an orphan holding the folder: it is
     * stopped here, as a shutdown would have, before a new one starts. A folder still locked by a running instance is
     * left alone, and its PostgreSQL with it; starting fails then, as it should.
     */
    private static void removeStalePidFile(Path dataDir) throws IOException {
        Path pid = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return;
        }
        List<String> lines = Files.readAllLines(pid);
        String first = lines.stream().findFirst().orElse("").trim();
        Optional<ProcessHandle> postmaster = first.matches("\\d+")
                ? ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
                : Optional.empty();
        boolean isPostgres = postmaster
                .flatMap(p -> p.info().command())
                .map(command -> command.endsWith("postgres"))
                .orElse(false);
        if (postmaster.isEmpty() || !isPostgres) {
            Files.deleteIfExists(pid);
            return;
        }
        if (!unclaimed(dataDir)) {
            return;
        }
        log.warn("Stopping PostgreSQL {} left running by a killed run on {}", first, dataDir);
        ProcessHandle orphan = postmaster.get();
        // SIGTERM: PostgreSQL's smart shutdown, with a checkpoint. It waits for its clients to leave, and they are
        // gone: they died with the process that was killed.
        orphan.destroy();
        try {
            orphan.onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("PostgreSQL {} did not stop within 60 s; killing it", first);
            orphan.destroyForcibly();
            orphan.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the orphaned PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IOException(e);
        }
        Files.deleteIfExists(pid);
    }

    /** Whether no live process holds the folder's lock, which the embedded PostgreSQL takes while it runs. */
    private static boolean unclaimed(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }
}
