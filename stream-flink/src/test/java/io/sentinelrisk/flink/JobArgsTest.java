package io.sentinelrisk.flink;

import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job jar's command line: defaults, and a mistake as one line saying what was expected. */
class JobArgsTest {
    private static final List<String> REQUIRED = List.of("--model", "m.srb", "--bootstrap", "127.0.0.1:9092", "--in", "events", "--out", "alerts");

    @Test
    void defaults() {
        JobArgs.Parsed p = JobArgs.parse(REQUIRED);
        JobOptions o = p.options();
        assertThat(p.local()).isFalse();
        assertThat(o.deadLetter()).isEqualTo("events.dead-letter");
        assertThat(o.group()).isEqualTo(JobOptions.DEFAULT_GROUP);
        assertThat(o.checkpointMs()).isEqualTo(JobOptions.DEFAULT_CHECKPOINT_MS);
        assertThat(o.parallelism()).isEqualTo(1);
        assertThat(o.checkpointDir()).isNull();
        assertThat(o.bounded()).isFalse();
        assertThat(o.allEvents()).isFalse();
        // drift on as in `stream run`, logged only; no entity risk
        assertThat(o.driftWindow()).isEqualTo(5000);
        assertThat(o.driftEvery()).isEqualTo(1000);
        assertThat(o.driftTopic()).isNull();
        assertThat(o.riskTopic()).isNull();
        assertThat(o.riskHalfLifeMs()).isEqualTo(24 * 3_600_000L);
    }

    @Test
    void driftAndRisk() {
        JobOptions o = JobArgs.parse(with("--drift-topic", "drift", "--drift-window", "0", "--drift-every", "7", "--risk-topic", "risk",
                "--risk-half-life", "60000")).options();
        assertThat(o.driftTopic()).isEqualTo("drift");
        assertThat(o.driftWindow()).isZero();
        assertThat(o.driftEvery()).isEqualTo(7);
        assertThat(o.riskTopic()).isEqualTo("risk");
        assertThat(o.riskHalfLifeMs()).isEqualTo(60_000);
        assertThatThrownBy(() -> JobArgs.parse(with("--risk-topic", "events"))).hasMessageContaining("must not be the input topic");
        assertThatThrownBy(() -> JobArgs.parse(with("--risk-half-life", "0"))).hasMessageContaining("--risk-half-life");
        assertThatThrownBy(() -> JobArgs.parse(with("--drift-every", "0"))).hasMessageContaining("--drift-every");
    }

    @Test
    void optionsAndFlags() {
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(List.of("--local", "--bounded", "--all-events", "--parallelism=3", "--checkpoint-dir", "ckpt",
                "--checkpoint-interval", "500", "--dead-letter", "dl", "--restore", "s3://b/chk-4"));
        JobArgs.Parsed p = JobArgs.parse(args);
        JobOptions o = p.options();
        assertThat(p.local()).isTrue();
        assertThat(o.bounded()).isTrue();
        assertThat(o.allEvents()).isTrue();
        assertThat(o.parallelism()).isEqualTo(3);
        assertThat(o.checkpointMs()).isEqualTo(500);
        assertThat(o.deadLetter()).isEqualTo("dl");
        // a plain directory becomes the file URI Flink wants; a URI stays as given
        assertThat(o.checkpointDir()).isEqualTo(Path.of("ckpt").toAbsolutePath().toUri().toString());
        assertThat(o.restore()).isEqualTo("s3://b/chk-4");
    }

    @Test
    void mistakes() {
        assertThatThrownBy(() -> JobArgs.parse(REQUIRED.subList(0, 6))).isInstanceOf(InputException.class).hasMessageContaining("--out");
        assertThatThrownBy(() -> JobArgs.parse(with("--parallelism", "0"))).hasMessageContaining("--parallelism");
        assertThatThrownBy(() -> JobArgs.parse(with("--checkpoint-interval", "soon"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> JobArgs.parse(with("--frobnicate"))).hasMessageContaining("unknown option '--frobnicate'");
        assertThatThrownBy(() -> JobArgs.parse(with("--dead-letter", "events"))).hasMessageContaining("must not be the input topic");
        assertThatThrownBy(() -> JobArgs.parse(with("--group"))).hasMessageContaining("--group expects a value");
    }

    private static List<String> with(String... more) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(List.of(more));
        return args;
    }
}
