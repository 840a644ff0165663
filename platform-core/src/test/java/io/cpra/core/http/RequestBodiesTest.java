package io.cpra.core.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken bodies over HTTP: each gets a 4xx in the API's error format — never a 500,
 * never a stack trace — and changes nothing.
 */
class RequestBodiesTest {

    static final String MAINTENANCE = "/api/v1/monitors/web/maintenance";
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.withToken();
        api.apply(plan("web", ApiFixture.ScriptedCheck.passing()));
    }

    @AfterAll
    static void close() {
        api.close();
    }

    private static void assertUnchanged() {
        assertThat(api.get("/api/v1/monitors/web").json().getString("stage")).isEqualTo("healthy");
    }

    static Stream<Arguments> brokenBodies() {
        String malformed = "the body is not valid JSON at line 1, column ";
        return Stream.of(
                Arguments.of("{\"for\": \"2h\"", malformed),
                Arguments.of("{\"for\" \"2h\"}", malformed + "11: Invalid token=STRING. Expected tokens are: [COLON]"),
                Arguments.of("{for: 1}", malformed + "3"),
                Arguments.of("{\"for\": \"2h\"} {}", malformed + "15: Expected EOF token, but got CURLYOPEN"),
                Arguments.of("nonsense", malformed),
                Arguments.of("[\"2h\"]", "the body must be a JSON object, not an array"),
                Arguments.of("\"2h\"", "the body must be a JSON object, not a string"),
                Arguments.of("42", "the body must be a JSON object, not a number"),
                Arguments.of("null", "the body must be a JSON object, not null"),
                Arguments.of("{\"for\": \"1h\", \"for\": \"2h\"}", "for: the key appears twice (line 1, column "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBodies")
    void malformedJsonAndTheWrongTopLevelTypeAre400(String body, String error) {
        ApiFixture.Reply reply = api.post(MAINTENANCE, body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.error()).startsWith(error);
        assertUnchanged();
    }

    @Test
    void aStringOverTheLimitIsRefusedWithItsPath() {
        String huge = "x".repeat(ApiSettings.DEFAULT_MAX_STRING_LENGTH + 1);

        ApiFixture.Reply value = api.post(MAINTENANCE, "{\"for\": \"" + huge + "\"}");
        ApiFixture.Reply key = api.post(MAINTENANCE, "{\"" + huge + "\": 1}");
        ApiFixture.Reply nested = api.post(MAINTENANCE, "{\"a\": {\"b\": [1, \"" + huge + "\"]}}");

        assertThat(value.status()).isEqualTo(400);
        assertThat(value.error()).startsWith("for: a string longer than 65536 characters (line 1, column ");
        assertThat(value.json().getJsonArray("errors").getJsonObject(0).getString("path")).isEqualTo("for");
        assertThat(key.status()).isEqualTo(400);
        assertThat(key.error()).startsWith("the body: a key longer than 65536 characters");
        assertThat(nested.error()).startsWith("a.b[1]: a string longer than 65536 characters");
        assertUnchanged();
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedAtTheFirstLevelTooDeep() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String atLimit = "{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}";
        String overLimit = "{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}";

        ApiFixture.Reply arrays = api.post(MAINTENANCE, "{\"for\": " + deep + "}");
        ApiFixture.Reply limit = api.post(MAINTENANCE, atLimit);
        ApiFixture.Reply over = api.post(MAINTENANCE, overLimit);

        assertThat(arrays.status()).isEqualTo(400);
        assertThat(arrays.error()).startsWith("for" + "[0]".repeat(31) + ": nests deeper than 32 levels (line 1, column ");
        // 32 levels are read (and then refused as an unknown key), 33 are not
        assertThat(limit.error()).isEqualTo("a: unknown key; accepted: until, for");
        assertThat(over.error()).contains("nests deeper than 32 levels");
        assertUnchanged();
    }

    @Test
    void aBodyOverTheSizeLimitIs413WhetherItsLengthIsDeclaredOrNot() {
        byte[] big = new byte[ApiSettings.DEFAULT_MAX_BODY_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';

        ApiFixture.Reply declared = api.send(api.request("POST", MAINTENANCE, ApiFixture.TOKEN,
                HttpRequest.BodyPublishers.ofByteArray(big)));
        ApiFixture.Reply chunked = api.send(api.request("POST", MAINTENANCE, ApiFixture.TOKEN,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        for (ApiFixture.Reply reply : new ApiFixture.Reply[] {declared, chunked}) {
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.error()).isEqualTo("the body is larger than 1048576 bytes (cpra.api.limits.body)");
        }
        assertUnchanged();
        // the server is still fine
        assertThat(api.post(MAINTENANCE, "{\"for\": \"1h\"}").status()).isEqualTo(200);
        assertThat(api.send("DELETE", MAINTENANCE, ApiFixture.TOKEN, null).status()).isEqualTo(200);
    }

    @Test
    void aBodyExactlyAtTheLimitIsRead() {
        byte[] body = new byte[ApiSettings.DEFAULT_MAX_BODY_BYTES];
        Arrays.fill(body, (byte) ' ');
        byte[] json = "{\"for\": \"1h\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, body, 0, json.length);

        ApiFixture.Reply reply = api.send(api.request("POST", MAINTENANCE, ApiFixture.TOKEN,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.send("DELETE", MAINTENANCE, ApiFixture.TOKEN, null).status()).isEqualTo(200);
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 'f', 'o', 'r', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        ApiFixture.Reply reply = api.send(api.request("POST", MAINTENANCE, ApiFixture.TOKEN,
                HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("the body is not valid UTF-8");
        assertUnchanged();
    }

    @Test
    void hugeNumbersAreRefusedBeforeAnyoneConvertsThem() {
        ApiFixture.Reply longNumber = api.post(MAINTENANCE, "{\"for\": " + "9".repeat(65) + "}");
        ApiFixture.Reply bigExponent = api.post(MAINTENANCE, "{\"for\": 1e999999999}");

        assertThat(longNumber.error()).startsWith("for: a number longer than 64 characters");
        assertThat(bigExponent.error()).startsWith("for: a number with an exponent beyond 1024");
    }
}
