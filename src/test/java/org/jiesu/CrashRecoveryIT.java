package org.jiesu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jiesu.bench.CrashDrill;
import org.jiesu.bench.CrashDrill.KillMode;
import org.jiesu.bench.CrashDrill.Report;
import org.jiesu.bench.CrashDrill.Settings;
import org.junit.jupiter.api.Test;

/**
 * A small crash drill on the packaged jar, run by Failsafe after {@code package} in {@code ./mvnw verify}: 200
 * requests at 20 a second, one SIGKILL halfway. Bigger drills run by hand, see docs/reliability.md.
 */
class CrashRecoveryIT {

    @Test
    void everyAcknowledgedRequestSurvivesASigkillWithItsFollowUpsAndNoneIsDuplicated() throws Exception {
        Path jar = Path.of(System.getProperty("jiesu.jar", "target/jiesu.jar"));
        assertThat(jar)
                .as("the packaged application; run through ./mvnw verify")
                .exists();
        Path work = Path.of("target", "crash-drill", "it");
        if (Files.exists(work)) {
            try (var old = Files.walk(work)) {
                old.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }

        Report report = CrashDrill.run(new Settings(jar, work, 200, 20, 1, KillMode.JVM, Duration.ofSeconds(240)));
        System.out.println(report.table());

        assertThat(report.kills()).isOne();
        assertThat(report.retried())
                .as("requests the kill left without an answer")
                .isPositive();
        assertThat(report.acknowledged()).isEqualTo(report.sent());
        assertThat(report.found()).isEqualTo(report.acknowledged());
        assertThat(report.missing()).isZero();
        assertThat(report.duplicates()).isZero();
        assertThat(report.withoutOneLogEntry()).isZero();
        assertThat(report.followUpsMissing()).isZero();
        assertThat(report.incompletePublications()).isZero();
        assertThat(report.replayMismatches()).isZero();
        assertThat(report.otherErrors()).isZero();
        assertThat(report.orphansStopped())
                .as("the killed run's PostgreSQL, stopped by the next start")
                .isOne();
    }
}
