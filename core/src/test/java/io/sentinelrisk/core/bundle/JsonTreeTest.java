package io.sentinelrisk.core.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundle's JSON parser gives the values Jackson's streaming parser gives, and refuses what it refuses. */
class JsonTreeTest {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** The values Jackson gives (JsonTree's token loop before it parsed by itself), or null when Jackson refuses the text. */
    private static Map<String, Object> jackson(byte[] bytes) {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> root = object(p);
            return p.nextToken() == null ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (JsonToken u = p.nextToken(); u != JsonToken.END_ARRAY; u = p.nextToken()) {
                    out.add(value(p, u));
                }
                yield out;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + t);
        };
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            out.put(key, value(p, p.nextToken()));
        }
        return out;
    }

    private static Map<String, Object> ours(byte[] bytes) {
        try {
            return JsonTree.object(bytes, "b.srb!x.json", "part");
        } catch (InputException e) {
            assertThat(e.getMessage()).contains("b.srb!x.json").containsAnyOf("not valid JSON", "expected a JSON object");
            return null;
        }
    }

    /** Equal values of equal classes (Integer is not Long), keys in the same order. */
    private static void assertSame(byte[] bytes) {
        Map<String, Object> expected = jackson(bytes);
        Map<String, Object> got = ours(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (expected == null) {
            assertThat(got).as("refused by Jackson: %s", text).isNull();
            return;
        }
        assertThat(got).as(text).isNotNull();
        assertThat(typed(got)).as(text).isEqualTo(typed(expected));
    }

    /** Values with their classes and keys in order, so that 1 and 1L or reordered keys differ. */
    private static Object typed(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<Object> out = new ArrayList<>();
            m.forEach((k, x) -> out.add(List.of(k, typed(x))));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(JsonTreeTest::typed).toList();
        }
        return v == null ? "null" : v.getClass().getSimpleName() + ":" + (v instanceof Double d ? Double.doubleToRawLongBits(d) : v);
    }

    @Test
    void valuesOfEveryKindAreJacksons() {
        String[] docs = {
            "{}", " \t\r\n{ } \n", "{\"a\":1}", "{\"a\":-0,\"b\":0,\"c\":-0.0,\"d\":0e0,\"e\":1E+2,\"f\":1e-2,\"g\":1.5E308,\"h\":1e400}",
            "{\"i\":2147483647,\"j\":2147483648,\"k\":-2147483648,\"l\":-2147483649,\"m\":9223372036854775807,"
                    + "\"n\":9223372036854775808,\"o\":-9223372036854775808,\"p\":-9223372036854775809,\"q\":123456789012345678901234567890}",
            "{\"s\":\"plain\",\"t\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\",\"u\":\"é€😀 mixed ascii\",\"v\":\"\"}",
            "{\"a\":[],\"b\":[[]],\"c\":[1,\"x\",null,true,false,{\"d\":[{}]}],\"e\":{\"f\":{\"g\":null}}}",
            "{\"dup\":1,\"other\":2,\"dup\":3}", "\uFEFF{\"bom\":true}", "{\"0.1\":0.1,\"third\":0.3333333333333333,\"tiny\":4.9E-324}",
        };
        for (String d : docs) {
            assertSame(d.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(ours("{\"n\":1,\"x\":2147483648,\"y\":99999999999999999999,\"z\":1.0}".getBytes(StandardCharsets.UTF_8)).values())
                .containsExactly(1, 2147483648L, new BigInteger("99999999999999999999"), 1.0);
    }

    @Test
    void malformedTextIsRefusedAsJacksonRefusesIt() {
        String[] docs = {
            "", "   ", "[1]", "\"text\"", "1", "null", "nonsense", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,}", "{\"a\" 1}",
            "{a:1}", "{'a':1}", "{\"a\":01}", "{\"a\":-01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":-}",
            "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}", "{\"a\":[1,]}", "{\"a\":[1 2]}",
            "{\"a\":\"tab\there\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"open}", "{}{}", "{} x",
            "{\"a\":1}]", "{\"a\":[}", "{\"a\":{\"b\":1]}", "{/*c*/}", "{\"a\":1 /* c */}",
        };
        for (String d : docs) {
            assertSame(d.getBytes(StandardCharsets.UTF_8));
            if (!d.equals("{}{}")) {
                assertThat(jackson(d.getBytes(StandardCharsets.UTF_8))).as(d).isNull();   // each is malformed indeed
            }
        }
        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertSame(badUtf8);
        assertThat(ours(badUtf8)).isNull();
    }

    @Test
    void nestingIsLimited() {
        String ok = "{\"a\":" + "[".repeat(JsonTree.MAX_DEPTH - 1) + "]".repeat(JsonTree.MAX_DEPTH - 1) + "}";
        assertThat(ours(ok.getBytes(StandardCharsets.UTF_8))).isNotNull();
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> JsonTree.object(deep.getBytes(StandardCharsets.UTF_8), "b.srb!x.json", "part"))
                .isInstanceOf(InputException.class).hasMessageContaining("nested deeper than " + JsonTree.MAX_DEPTH);
    }

    @Test
    void randomDocumentsAsJacksonWritesThemAndAsPeopleDo() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            int fields = random.nextInt(8);
            for (int f = 0; f < fields; f++) {
                doc.put(text(random), randomValue(random, 0));
            }
            byte[] compact = mapper.writeValueAsBytes(doc);
            byte[] pretty = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
            assertSame(compact);
            assertSame(pretty);
            // a byte dropped or changed: whatever Jackson makes of it, so does the parser
            byte[] broken = compact.clone();
            int at = random.nextInt(broken.length);
            broken[at] = (byte) "{}[]\":,.-+e0 x\\\u00e9".charAt(random.nextInt(16));
            assertSame(broken);
        }
    }

    private static Object randomValue(SplittableRandom r, int depth) {
        int kind = r.nextInt(depth > 3 ? 7 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt();
            case 3 -> r.nextLong();
            case 4 -> Double.longBitsToDouble(r.nextLong()) % 1e300;
            case 5 -> r.nextGaussian() * Math.pow(10, r.nextInt(-20, 20));
            case 6 -> text(r);
            case 7 -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    l.add(randomValue(r, depth + 1));
                }
                yield l;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    m.put(text(r), randomValue(r, depth + 1));
                }
                yield m;
            }
        };
    }

    private static String text(SplittableRandom r) {
        String alphabet = "abcXYZ019 _-\"\\/\n\t\u0001é€\uD83D\uDE00";
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            int at = r.nextInt(alphabet.length() - 1);
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
