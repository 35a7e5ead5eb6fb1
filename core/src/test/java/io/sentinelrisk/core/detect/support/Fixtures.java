package io.sentinelrisk.core.detect.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.data.Matrix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Reads the expected values written by bench/peers-fixtures/make_fixtures.py. */
public final class Fixtures {
    private Fixtures() {
    }

    public static JsonNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/io/sentinelrisk/core/detect/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Matrix matrix(JsonNode rows) {
        int n = rows.size();
        int d = rows.get(0).size();
        double[] data = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                data[i * d + j] = rows.get(i).get(j).asDouble();
            }
        }
        return new Matrix(n, d, data);
    }

    public static double[] vector(JsonNode values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        return v;
    }

    /** Parameters as parsed from a JSON object (numbers, strings). */
    public static Map<String, Object> params(JsonNode obj) {
        return new ObjectMapper().convertValue(obj, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
        });
    }
}
