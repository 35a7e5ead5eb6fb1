package io.sentinelrisk.synth;

import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.pipeline.ColumnRoles;
import io.sentinelrisk.synth.metrics.MetricsConfig;
import io.sentinelrisk.synth.metrics.MetricsGenerator;
import io.sentinelrisk.synth.soc.SocConfig;
import io.sentinelrisk.synth.soc.SocGenerator;
import io.sentinelrisk.synth.transactions.TransactionConfig;
import io.sentinelrisk.synth.transactions.TransactionGenerator;
import io.sentinelrisk.synth.web.WebSessionConfig;
import io.sentinelrisk.synth.web.WebSessionGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every generator writes as the answer never becomes a feature when its CSV is trained
 * on, and its identifier columns are kept as keys: the rule of {@link ColumnRoles} knows the
 * generators' column names.
 */
class GeneratedColumnRolesTest {
    /** As read back from the CSV: every column a feature but the label column. */
    private static Frame asRead(Frame generated) {
        List<Field> fields = new ArrayList<>();
        for (Field f : generated.schema().fields()) {
            fields.add(f.withRole(f.name().equals("label") ? ColumnRole.LABEL : ColumnRole.FEATURE));
        }
        return generated.withSchema(new Schema(fields));
    }

    private static void check(Frame generated, List<String> ids) {
        Frame resolved = ColumnRoles.forTraining(asRead(generated), SentinelConfig.defaults(), null).frame();
        Map<String, ColumnRole> roles = new java.util.HashMap<>();
        resolved.schema().fields().forEach(f -> roles.put(f.name(), f.role()));
        for (Field f : generated.schema().fields()) {
            // The generators mark their answer columns (scenario) ignored and the label a label.
            if (f.name().equals("scenario") || f.role() == ColumnRole.LABEL) {
                assertThat(roles.get(f.name())).as(f.name()).isNotEqualTo(ColumnRole.FEATURE);
            }
        }
        for (String id : ids) {
            assertThat(roles.get(id)).as(id).isEqualTo(ColumnRole.ID);
        }
    }

    @Test
    void socWebTransactionsAndMetrics() {
        check(SocGenerator.generate(SocConfig.defaults().withUsers(20).withEventsPerUser(100)).events(), List.of("event_id", "device_id"));
        check(WebSessionGenerator.generate(WebSessionConfig.defaults().withSessions(2000)), List.of("session_id", "user_id"));
        check(TransactionGenerator.generate(TransactionConfig.defaults()), List.of("transaction_id", "card_id", "merchant_id"));
        check(MetricsGenerator.generate(MetricsConfig.defaults()), List.of());
    }
}
