package io.sentinelrisk.core.bundle;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundle's own JSON reading: plain values as Jackson's data binding gave them (the effective
 * config is read back from them), and strict binding that names the field it refuses.
 */
class JsonFieldsTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainValuesAreThoseOfJacksonsUntypedBinding() throws Exception {
        String json = "{\"i\" : 7, \"l\" : 12345678901, \"big\" : 123456789012345678901234567890, \"d\" : 0.1,"
                + " \"e\" : 1e300, \"neg\" : -0.0, \"s\" : \"NaN\", \"t\" : true, \"n\" : null,"
                + " \"a\" : [1, 2.5, \"x\", [ ], { }], \"o\" : {\"z\" : 1, \"a\" : {\"k\" : [false]}}}";
        Map<String, Object> ours = JsonTree.object(utf8(json), "w", "part");
        Map<String, Object> jackson = new ObjectMapper().readValue(utf8(json), new TypeReference<Map<String, Object>>() { });
        assertThat(ours).isEqualTo(jackson);
        assertThat(ours.keySet()).containsExactlyElementsOf(jackson.keySet());
        assertThat(ours.get("l")).isInstanceOf(Long.class);
        assertThat(ours.get("i")).isEqualTo(7);
    }

    @Test
    void malformedJsonAndNonObjectsAreLocated() {
        for (String bad : new String[] {"{\"a\" : 1", "{\"a\" : }", "[1]", "{} {}", ""}) {
            assertThatThrownBy(() -> JsonTree.object(utf8(bad), "m.srb!x.json", "part"), bad).isInstanceOf(InputException.class)
                    .hasMessageStartingWith("m.srb!x.json: corrupt bundle part: ");
        }
    }

    private record Form(double x, Double y, long n, double[] v) {
        static Form from(JsonFields f) {
            return f.done(new Form(f.number("x"), f.optionalNumber("y"), f.wholeLong("n"), f.doubles("v")));
        }
    }

    private static Form bind(String json) {
        return JsonFields.bind(utf8(json), "p", "part", Form::from);
    }

    @Test
    void fieldsBindStrictly() {
        Form f = bind("{\"x\" : 2, \"n\" : 3, \"v\" : [1.5, \"Infinity\", \"-Infinity\", \"NaN\"]}");
        assertThat(f.x()).isEqualTo(2.0);
        assertThat(f.y()).isNull();
        assertThat(f.v()).containsExactly(1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
        assertThatThrownBy(() -> bind("{\"n\" : 3, \"v\" : []}")).hasMessage("p: corrupt bundle part: at x: missing field x");
        assertThatThrownBy(() -> bind("{\"x\" : null, \"n\" : 3, \"v\" : []}")).hasMessageContaining("at x: missing field");
        assertThatThrownBy(() -> bind("{\"x\" : \"one\", \"n\" : 3, \"v\" : []}")).hasMessageContaining("at x: expected a number");
        assertThatThrownBy(() -> bind("{\"x\" : 1, \"n\" : 3.5, \"v\" : []}")).hasMessageContaining("at n: expected a whole number");
        assertThatThrownBy(() -> bind("{\"x\" : 1, \"n\" : 3, \"v\" : [1, true]}")).hasMessageContaining("at v[1]: expected a number");
        assertThatThrownBy(() -> bind("{\"x\" : 1, \"n\" : 3, \"v\" : [], \"w\" : 0}")).hasMessageContaining("at w: unknown field");
    }
}
