import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.server.api.ScoreAnswer;
import io.sentinelrisk.server.scoring.ActiveModel;
import io.sentinelrisk.server.scoring.RecordScoring;
import io.sentinelrisk.server.scoring.StreamedRecords;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The work of the {@code POST /v1/score} handler without HTTP, on one thread: read the body into
 * columns, score, build and write the alerts. Prints this thread's CPU per 1,000 records over the
 * measured requests (after the warm-up ones), which the JIT compiler, the collector and the
 * network do not enter, and a digest of the answers to the first pass over the bodies, so that
 * two versions can be shown to answer the same bytes.
 *
 *   java -cp cli/target/sentinel.jar bench/server/ScoreHandlerCpu.java MODEL.srb BODIES WARMUP MEASURED
 *
 * BODIES: one JSON body a line, as {@code bench/server/ServerLoad.java bodies} writes them.
 */
public class ScoreHandlerCpu {
    public static void main(String[] args) throws Exception {
        ActiveModel model = ActiveModel.of("bench", Bundles.read(Path.of(args[0])), null, null);
        List<byte[]> bodies = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            bodies.add(line.getBytes(StandardCharsets.UTF_8));
        }
        int warmup = Integer.parseInt(args[2]);
        int measured = Integer.parseInt(args[3]);
        var threads = ManagementFactory.getThreadMXBean();
        MessageDigest answers = MessageDigest.getInstance("SHA-256");
        long records = 0;
        long start = 0;
        for (int i = 0; i < warmup + measured; i++) {
            if (i == warmup) {
                start = threads.getCurrentThreadCpuTime();
                records = 0;
            }
            StreamedRecords.Read read = StreamedRecords.read(bodies.get(i % bodies.size()), model, 10_000);
            RecordScoring.Scored scored = RecordScoring.score(model, read.frame(), "api", read.single());
            byte[] answer = ScoreAnswer.bytes("bench", scored.alerts());
            records += read.rows();
            if (i < bodies.size()) {
                answers.update(answer);
            }
        }
        double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6;
        System.out.printf("handler_cpu_ms_per_1k=%.2f records=%d answers_sha256=%s%n", ms * 1000 / records, records,
                HexFormat.of().formatHex(answers.digest(), 0, 8));
    }
}
