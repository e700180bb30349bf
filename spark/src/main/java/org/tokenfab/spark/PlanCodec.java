package org.tokenfab.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/**
 * Plan tasks' inputs and results (candidates, probes, candidate results: records with
 * {@code Optional} fields, which Java serialisation refuses) as JSON text between driver and
 * executors. Doubles survive exactly: Jackson writes the shortest text that reads back to the same
 * double, and NaN as "NaN".
 */
final class PlanCodec {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanCodec() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a plan task's " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot decode a plan task's " + type.getSimpleName() + ": " + json, e);
        }
    }
}
