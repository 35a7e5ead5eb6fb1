package io.sentinelrisk.server.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryQueryTest {
    @Test
    void parsesTheParametersOfGetDeliveries() {
        assertThat(DeliveryQuery.of(null, null, null, null)).isEqualTo(new DeliveryQuery(null, null, null, 50));
        assertThat(DeliveryQuery.of("dead_letter", "soc-chat", "42", "10"))
                .isEqualTo(new DeliveryQuery(DeliveryStatus.DEAD_LETTER, "soc-chat", 42L, 10));
        assertThat(DeliveryQuery.of("delivered", null, null, "500").limit()).isEqualTo(500);
    }

    @Test
    void badParametersNameTheParameterWithoutEchoingIt() {
        assertThatThrownBy(() -> DeliveryQuery.of("lost", null, null, null))
                .isInstanceOfSatisfying(DeliveryQuery.InvalidParameter.class, e -> assertThat(e.parameter()).isEqualTo("status"))
                .hasMessage("status: expected delivered or dead_letter");
        assertThatThrownBy(() -> DeliveryQuery.of(null, "x' OR 1=1 --", null, null))
                .isInstanceOfSatisfying(DeliveryQuery.InvalidParameter.class, e -> assertThat(e.parameter()).isEqualTo("route"))
                .message().doesNotContain("OR 1=1");
        assertThatThrownBy(() -> DeliveryQuery.of(null, null, "abc", null)).hasMessageStartingWith("cursor:");
        assertThatThrownBy(() -> DeliveryQuery.of(null, null, "0", null)).hasMessageStartingWith("cursor:");
        assertThatThrownBy(() -> DeliveryQuery.of(null, null, null, "501")).hasMessageStartingWith("limit:");
        assertThatThrownBy(() -> DeliveryQuery.of(null, null, null, "ten")).hasMessageStartingWith("limit:");
    }
}
