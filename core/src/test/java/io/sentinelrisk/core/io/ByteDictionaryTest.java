package io.sentinelrisk.core.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Codes in order of first appearance, one-byte values (looked up without hashing) mixed with longer ones. */
class ByteDictionaryTest {
    @Test
    void codesAreInOrderOfFirstAppearance() {
        Random random = new Random(7);
        String[] pool = {"1", "0", "ab", "a", "b", "10", "é", "\"", "", "zz", "01", "x"};
        ByteDictionary dict = new ByteDictionary();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) {
            String v = pool[random.nextInt(pool.length)];
            byte[] padded = ("|" + v + "|").getBytes(StandardCharsets.UTF_8);
            int code = dict.code(padded, 1, padded.length - 1);
            Integer known = expected.putIfAbsent(v, expected.size());
            assertThat(code).as(v).isEqualTo(known == null ? expected.size() - 1 : known);
        }
        assertThat(dict.values()).isEqualTo(new ArrayList<>(expected.keySet()));
    }

    @Test
    void everyOneByteValueHasItsOwnCode() {
        ByteDictionary dict = new ByteDictionary();
        List<Integer> codes = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int c = 0; c < 256; c++) {
                byte[] b = {(byte) (255 - c)};
                int code = dict.code(b, 0, 1);
                if (round == 0) {
                    codes.add(code);
                } else {
                    assertThat(code).isEqualTo(codes.get(c));
                }
            }
        }
        assertThat(codes).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 256).boxed().toList());
    }
}
