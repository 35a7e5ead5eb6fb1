package io.sentinelrisk.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code --log-level} prints, through the logging {@code sentinel}'s main sets up itself
 * ({@link LogProvider}, the pattern started at the first line): each line stamped with the time
 * of day in the JVM's own time zone; a user's logback configuration file still wins.
 */
class LoggingE2ETest {
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @TempDir
    static Path dir;

    @BeforeAll
    static void inputs() throws Exception {
        SentinelProcess.generateSoc(dir, "--n-users", "10", "--events-per-user", "50", "--output", "data.csv");
        ok(SentinelProcess.run(dir, "train", "--input", "data.csv", "--model-out", "model.srb"));
    }

    @Test
    void linesCarryTheTimeOfDayInTheJvmsZone() throws Exception {
        // Kathmandu is 5:45 ahead of UTC: a line stamped in UTC (or any whole-hour zone) shows it.
        ZoneId zone = ZoneId.of("Asia/Kathmandu");
        LocalTime before = LocalTime.now(zone);
        SentinelProcess.Result r = SentinelProcess.run(dir, Map.of("SENTINEL_JAVA_OPTS", "-Duser.timezone=" + zone.getId()),
                "score", "-i", "data.csv", "-m", "model.srb", "--export-csv", "card.csv", "--log-level", "INFO");
        LocalTime after = LocalTime.now(zone);
        ok(r);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (INFO |WARN |DEBUG|ERROR) \\w+ - .+"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("INFO  StreamedScoring - read and scored"));
        LocalTime stamped = LocalTime.parse(lines.get(0).substring(0, 12), TIME_OF_DAY);
        boolean acrossMidnight = after.isBefore(before);
        if (!acrossMidnight) {
            assertThat(stamped).isBetween(before.minus(Duration.ofSeconds(1)), after.plus(Duration.ofSeconds(1)));
        }
    }

    @Test
    void aUsersLogbackConfigurationWins() throws Exception {
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="E" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>MINE %level %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="E"/></root>
                </configuration>
                """);
        SentinelProcess.Result r = SentinelProcess.run(dir,
                Map.of("SENTINEL_JAVA_OPTS", "-Dlogback.configurationFile=" + dir.resolve("logback.xml")),
                "score", "-i", "data.csv", "-m", "model.srb", "--export-csv", "card2.csv");
        ok(r);
        assertThat(r.err()).contains("MINE INFO read and scored");
    }

    private static void ok(SentinelProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
