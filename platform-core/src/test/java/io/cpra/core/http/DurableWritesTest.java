package io.cpra.core.http;

import io.cpra.core.storage.StorageSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static io.cpra.core.http.ApiFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes that mean what they say: 2xx only once the change is in the file the next start reads,
 * 503 only when nothing changed — with the store's file deleted under the server, and with the
 * store locked from outside for longer than a caller waits.
 */
class DurableWritesTest {

    static final String SHOP = """
            {"name": "shop", "pulse_check": {"type": "flag", "interval": "1m", "config": {"up": true}}}""";
    static final String CART = """
            {"name": "cart", "pulse_check": {"type": "flag", "interval": "1m", "config": {"up": true}}}""";

    Path folder;
    Path file;

    @BeforeEach
    void setUp() throws Exception {
        folder = Files.createTempDirectory("cpra-durable");
        file = folder.resolve("cpra.db");
    }

    @AfterEach
    void tearDown() throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void withTheStoreFileDeletedACreateIsRefusedAndNothingChanges() throws Exception {
        try (ApiFixture api = new ApiFixture(ApiSettings.defaults().withToken(TOKEN),
                StorageSettings.sqlite(file), builder -> { })) {
            Files.delete(file);

            ApiFixture.Reply created = api.post("/api/v1/monitors", SHOP);

            assertThat(created.status()).as(created.body()).isEqualTo(503);
            assertThat(created.error()).isEqualTo("storage is unavailable; nothing was changed");
            assertThat(api.get("/api/v1/monitors/shop").status()).isEqualTo(404);
            assertThat(api.post("/api/v1/monitors/shop/pause").status()).isEqualTo(404);
        }
    }

    @Test
    void aCreateThatOutwaitsItsCallerOnALockedStoreIsWithdrawnAndNeverApplied() throws Exception {
        // the store waits for a lock far longer than the caller waits for an answer
        StorageSettings patient = new StorageSettings("jdbc:sqlite:" + file, "", "", 2, Duration.ofSeconds(60));
        try (ApiFixture api = new ApiFixture(ApiSettings.defaults().withToken(TOKEN), patient, builder -> { })) {
            CompletableFuture<HttpResponse<String>> created;
            try (Connection outsider = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement lock = outsider.createStatement()) {
                lock.execute("BEGIN IMMEDIATE");
                created = api.client.sendAsync(api.request("POST", "/api/v1/monitors", TOKEN,
                        HttpRequest.BodyPublishers.ofString(SHOP)), HttpResponse.BodyHandlers.ofString());

                // the answer comes while the outsider still holds the lock
                HttpResponse<String> answer = created.get();
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(answer.body()).contains("nothing was changed");
                lock.execute("ROLLBACK");
            }

            // the next change runs after the withdrawn one on the same thread: when it is done, so is that one
            assertThat(api.post("/api/v1/monitors", CART).status()).isEqualTo(201);
            assertThat(api.get("/api/v1/monitors/shop").status()).isEqualTo(404);
            assertThat(api.storage.monitors()).extracting(m -> m.name()).containsExactly("cart");
        }
    }
}
