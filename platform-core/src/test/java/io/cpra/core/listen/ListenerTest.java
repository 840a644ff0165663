package io.cpra.core.listen;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real Helidon server on loopback behind the listener's guard: each deadline closes the
 * connection that overstays it, the per-client cap refuses the connection over it, slow answers
 * are left alone, and TLS serves from PEM files or a PKCS#12 keystore.
 */
class ListenerTest {

    /** How long a test waits for the server to close a socket; the deadlines are far shorter. */
    static final int READ_WITHIN_MILLIS = 20_000;

    @TempDir
    Path temp;

    WebServer server;
    Listener listener;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (listener != null) {
            listener.close();
        }
    }

    private void start(ListenerSettings settings) {
        WebServerConfig.Builder web = WebServer.builder();
        listener = Listener.harden(web, settings);
        server = web.host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r
                        .get("/hello", (req, res) -> res.send("hello"))
                        .get("/slow", (req, res) -> {
                            // slower than every deadline below: an answer being prepared has none
                            Thread.sleep(1_500);
                            res.send("done");
                        })
                        .post("/echo", (req, res) -> res.send(req.content().as(String.class))))
                .build().start();
    }

    private static ListenerSettings shortDeadlines() {
        return ListenerSettings.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(READ_WITHIN_MILLIS);
        return socket;
    }

    /** Reads until the server closes the connection; what it sent first, if anything. */
    private static String untilClosed(Socket socket) throws IOException {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketException reset) {
            return "";
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        start(shortDeadlines());
        try (Socket idle = connect()) {
            assertThat(untilClosed(idle)).isEmpty();
        }
        assertThat(listener.timedOut()).isPositive();
    }

    @Test
    void headersThatNeverEndAreCut() throws Exception {
        start(ListenerSettings.defaults().withTimeouts(Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofMinutes(10)));
        try (Socket slow = connect()) {
            slow.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertThat(untilClosed(slow)).doesNotContain("hello");
        }
    }

    @Test
    void aBodyThatNeverEndsIsCut() throws Exception {
        start(ListenerSettings.defaults().withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMillis(500)));
        try (Socket slow = connect()) {
            slow.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly a part")
                    .getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertThat(untilClosed(slow)).doesNotContain("only a part");
        }
    }

    @Test
    void aRequestThatTakesItsTimeToAnswerIsNotCutAndTheConnectionIsKept() throws Exception {
        start(shortDeadlines());
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readAnswer(socket.getInputStream())).endsWith("done");
            out.write("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(untilClosed(socket)).endsWith("hello");
        }
    }

    @Test
    void aClientOverItsCapIsRefusedWhileOthersHoldTheirs() throws Exception {
        start(ListenerSettings.defaults().withCaps(10, 3));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(connect());
            }
            // the guard counts a connection once Helidon hands it over; ask through each so all are counted
            for (Socket socket : held) {
                socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readAnswer(socket.getInputStream())).endsWith("hello");
            }
            try (Socket fourth = connect()) {
                assertThat(untilClosed(fourth)).startsWith("HTTP/1.1 503").contains("too many connections");
            }
            assertThat(listener.refused()).isEqualTo(1);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // once the others are gone, the client gets in again
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> again = null;
        for (int i = 0; i < 100 && (again == null || again.statusCode() != 200); i++) {
            again = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (again.statusCode() != 200) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        assertThat(again.statusCode()).isEqualTo(200);
    }

    @Test
    void tlsFromAPkcs12Keystore() throws Exception {
        Path keystore = selfSigned();
        start(ListenerSettings.defaults().withTls(new TlsSettings(null, null, keystore, "changeit")));

        assertThat(httpsGet(keystore)).isEqualTo("hello");
    }

    @Test
    void tlsFromPemFiles() throws Exception {
        Path keystore = selfSigned();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        Key key = store.getKey("server", "changeit".toCharArray());
        Certificate certificate = store.getCertificate("server");
        Path keyPem = Files.writeString(temp.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        Path certPem = Files.writeString(temp.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        start(ListenerSettings.defaults().withTls(new TlsSettings(certPem, keyPem, null, null)));

        assertThat(httpsGet(keystore)).isEqualTo("hello");
        // plain HTTP to a TLS port is not answered as if it were
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/hello"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aKeyFileThatIsNotPkcs8IsRefusedNamingTheFile() throws Exception {
        Path keystore = selfSigned();
        Path bad = Files.writeString(temp.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Path cert = Files.writeString(temp.resolve("c.pem"), pem("CERTIFICATE", certificateOf(keystore).getEncoded()));

        assertThatThrownBy(() -> new TlsSettings(cert, bad, null, null).sslContext())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("openssl pkcs8 -topk8");
    }

    private String httpsGet(Path trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificateOf(trusted));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/hello"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Certificate certificateOf(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        return store.getCertificate("server");
    }

    /** A self-signed EC certificate for 127.0.0.1, made by the JDK's keytool. */
    private Path selfSigned() throws Exception {
        Path keystore = temp.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return keystore;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Reads one answer with a Content-Length body; returns its head and body. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }
}
