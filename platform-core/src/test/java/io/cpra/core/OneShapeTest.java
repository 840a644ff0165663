package io.cpra.core;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/** The walker finds each shape the convention forbids, and passes what it allows. */
class OneShapeTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"latency\":\"12ms300us\"}",
            "{\"lasted\":\"6s\"}",
            "{\"interval\":\"5s\"}",
            "{\"lateness\":{\"p99\":\"1ms\"}}",
            "{\"oldest_waiting\":\"0s\"}",
            "{\"from\":\"FAILING\",\"to\":\"incident\"}",
            "{\"status\":\"RECOVERED\"}",
            "{\"status\":\"INTERVENTION SUCCESS\"}",
            "{\"checks\":[{\"status\":\"CRITICAL\"}]}",
            "{\"latency_us\":12300}",
            "{\"lasted_seconds\":6}",
            "{\"latency_ms\":\"12.3\"}",
            "{\"at\":\"2026-01-02T03:04:05Z\"}",
            "{\"at\":\"2026-01-02T03:04:05.123456Z\"}",
            "{\"lastRun\":null}"})
    void aDepartureIsFound(String text) {
        assertThat(OneShape.faults(json(text))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"latency_ms\":12.3,\"lasted_ms\":6000,\"interval_ms\":5000,\"latency\":null}",
            "{\"from\":\"failing\",\"to\":\"incident\",\"status\":\"intervention_success\",\"colour\":\"cyan\"}",
            "{\"at\":\"2026-01-02T03:04:05.000Z\",\"next_due\":null}",
            "{\"window\":\"24h\",\"step\":\"15m\",\"step_ms\":900000}",
            "{\"definition\":{\"pulse\":{\"interval\":\"5s\",\"timeout\":\"1s\"}}}",
            "{\"monitor\":\"API\",\"message\":\"TIMEOUT\",\"name\":\"5s\"}"})
    void theConventionPasses(String text) {
        assertThat(OneShape.faults(json(text))).isEmpty();
    }
}
