package io.sentinelrisk.server.scoring;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.server.TestModels;
import io.sentinelrisk.server.api.JsonBodies;
import io.sentinelrisk.server.error.ApiException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streamed reading of score bodies gives exactly the frame of the tree path (RecordBatch then
 * the event scorer's reader) for every valid body, and declines — so that the tree path answers
 * with its exact error — every body the tree path refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamedRecordsTest {
    static final int LIMIT = 5;
    ActiveModel plain;
    ActiveModel featured;

    @BeforeAll
    void setUp() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "streamed-");
        plain = ActiveModel.of("v1", Bundles.read(TestModels.bundle(dir, "plain", 0.05, 3)), null, null);
        featured = ActiveModel.of("v2", Bundles.read(TestModels.featuredBundle(dir, "featured", 5)), null, null);
    }

    static final List<String> VALID = List.of(
            "{\"user\":\"u1\",\"timestamp\":\"2024-01-02T03:04:05Z\",\"amount\":12.5,\"hour\":3,\"country\":\"US\"}",
            "[{\"user\":\"u1\",\"timestamp\":\"2024-01-02T03:04:05Z\",\"amount\":12.5,\"hour\":3,\"country\":\"US\"}]",
            // missing fields, nulls, blank text, numbers and booleans as text, booleans, epoch ms, integers in text columns
            "[{\"amount\":1}, {\"user\":\"u2\",\"amount\":null,\"hour\":\"7\",\"country\":\"  \"},"
                    + "{\"user\":\"u3\",\"timestamp\":1704164645000,\"amount\":\"42.25\",\"hour\":true,\"country\":7},"
                    + "{\"user\":\"u1\",\"timestamp\":\"\",\"amount\":-1e3,\"hour\":\"false\",\"country\":true},"
                    + "{\"user\":\"u2\",\"country\":\"DE\",\"amount\":0,\"hour\":-4}]",
            "{\"country\":\"KP\",\"amount\":250000}",
            "[{\"user\":\"a\",\"amount\":1},{\"user\":\"b\",\"amount\":2},{\"user\":\"a\",\"amount\":3},"
                    + "{\"user\":\"c\",\"amount\":4},{\"user\":\"b\",\"amount\":5}]");

    static final List<String> REFUSED = List.of(
            "[]", "[1]", "{}", "\"text\"", "null", "[{\"amount\":1},[]]",
            "{\"colour\":1}", "{\"amount\":{\"x\":1}}", "{\"amount\":[1]}", "[{\"amount\":1}", "{\"amount\":1} x",
            "{\"amount\":1,\"amount\":2}",
            "[{\"amount\":1},{\"user\":\"a\",\"amount\":1,\"hour\":2,\"user\":\"b\"}]", "{\"amount\":\"abc\"}", "{\"timestamp\":true,\"amount\":1}",
            "{\"timestamp\":\"yesterday\",\"amount\":1}", "{\"amount\":1e400}", "{\"user\":null,\"amount\":null}",
            "[{\"amount\":1},{\"amount\":2},{\"amount\":3},{\"amount\":4},{\"amount\":5},{\"amount\":6}]");

    @Test
    void validBodiesGiveTheTreePathsFrame() {
        for (ActiveModel model : List.of(plain, featured)) {
            for (String body : VALID) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                StreamedRecords.Read read = StreamedRecords.read(bytes, model, LIMIT);
                assertThat(read).as(body).isNotNull();
                RecordBatch batch = RecordBatch.forScoring(JsonBodies.tree(bytes), model.pipeline().inputSchema(), LIMIT);
                Frame tree = RecordScoring.records(model, batch.records(), "api", batch.single());
                assertThat(read.single()).isEqualTo(batch.single());
                assertThat(read.rows()).isEqualTo(batch.size());
                assertThat(render(read.frame())).as(body).isEqualTo(render(tree));
            }
        }
    }

    @Test
    void bodiesTheTreePathRefusesAreLeftToIt() {
        for (String body : REFUSED) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertThat(StreamedRecords.read(bytes, plain, LIMIT)).as(body).isNull();
            assertThatThrownBy(() -> {
                RecordBatch batch = RecordBatch.forScoring(JsonBodies.tree(bytes), plain.pipeline().inputSchema(), LIMIT);
                RecordScoring.records(plain, batch.records(), "api", batch.single());
            }).as(body).isInstanceOf(ApiException.class);
        }
        // valid, but rendered by the tree's own number printing: left to the tree path too
        assertThat(StreamedRecords.read("{\"country\":1.50,\"amount\":1}".getBytes(StandardCharsets.UTF_8), plain, LIMIT)).isNull();
    }

    /** Schema (names, types, roles) and every value, dictionaries in order. */
    static String render(Frame f) {
        StringBuilder b = new StringBuilder(f.schema().fields().toString()).append('\n');
        for (Column c : f.columns()) {
            b.append(c.name()).append(": ").append(switch (c) {
                case Column.Numeric n -> Arrays.toString(n.values());
                case Column.Timestamp t -> Arrays.toString(t.epochMillis());
                case Column.Categorical k -> Arrays.toString(k.codes()) + " " + k.dictionary();
            }).append('\n');
        }
        return b.toString();
    }
}
