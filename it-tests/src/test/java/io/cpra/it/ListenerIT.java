package io.cpra.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener as an operator meets it: a connection flood under a low file limit, a port that is
 * taken, and two servers pointed at one data folder.
 */
class ListenerIT {

    /** The server's file limit in the flood test; a JVM with cpra's jars starts well within it. */
    private static final int FILE_LIMIT = 512;
    /** More idle connections than the server may open files. */
    private static final int FLOOD = 700;

    @TempDir
    Path temp;

    final List<Distribution> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Distribution::kill);
    }

    private Distribution copy(String name) throws IOException {
        Distribution cpra = Distribution.copyTo(temp.resolve(name));
        started.add(cpra);
        return cpra;
    }

    @Test
    void aFloodOfIdleConnectionsUnderALowFileLimitLeavesAListenerThatAnswersAgain() throws Exception {
        Distribution cpra = copy("cpra").fileLimit(FILE_LIMIT)
                .env("SERVER_IDLE_DASH_TIMEOUT", "5s");
        cpra.serve();

        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < FLOOD; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", cpra.port()), 2_000);
                    flood.add(socket);
                } catch (IOException backlogFull) {
                    socket.close();
                }
            }
            // a listener that died part way refuses the rest, so fewer may get through; enough did to press it
            assertThat(flood).as("connections the kernel took for the server").hasSizeGreaterThan(FILE_LIMIT / 2);
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }

        // answers again, or has exited non-zero for its supervisor to restart it; never a live process that cannot listen
        Integer answered = null;
        // (503 while the server has yet to see the flood's connections close: they still count against the client's cap)
        for (int attempt = 0; attempt < 100 && (answered == null || answered != 200) && cpra.process().isAlive(); attempt++) {
            try {
                answered = onNewConnection(cpra.port(), "/observe/health/live");
            } catch (IOException notAnswering) {
                answered = null;
            }
            if (answered == null || answered != 200) {
                Thread.sleep(300);
            }
        }
        if (answered == null) {
            assertThat(cpra.process().waitFor(10, TimeUnit.SECONDS)).as("cpra neither answers nor exits:\n" + cpra.output())
                    .isTrue();
            assertThat(cpra.process().exitValue()).isNotZero();
        } else {
            assertThat(answered).as(cpra.output()).isEqualTo(200);
        }
    }

    /**
     * The status of a GET on a connection of its own: a pooled one, opened before the flood, would
     * still answer from a server whose listener is gone.
     */
    private static int onNewConnection(int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            if (!answer.startsWith("HTTP/1.1 ")) {
                throw new IOException("no HTTP answer: " + answer);
            }
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        Distribution cpra = copy("cpra").env("SERVER_IDLE_DASH_TIMEOUT", "1s");
        cpra.serve();
        try (Socket idle = new Socket("127.0.0.1", cpra.port())) {
            idle.setSoTimeout(30_000);
            InputStream in = idle.getInputStream();
            // the server closes it: end of stream, well before the 30 s read timeout
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aPortInUseStopsTheStartWithOneLineAndNonZero() throws Exception {
        Distribution cpra = copy("cpra");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            cpra.env("SERVER_HOST", "127.0.0.1").env("SERVER_PORT", Integer.toString(taken.getLocalPort()));
            Distribution.Result result = cpra.run();
            assertThat(result.status()).as(result.output()).isEqualTo(1);
            assertThat(result.output()).contains("cpra: port " + taken.getLocalPort() + " is already in use")
                    .doesNotContain("listening on");
            // it stopped before the engine and the store: nothing was created
            assertThat(cpra.home().resolve("data/cpra.db")).doesNotExist();
        }
    }

    @Test
    void aSecondServerOnTheSameDataFolderRefusesNamingTheFirst() throws Exception {
        Path shared = temp.resolve("shared-data");
        Distribution first = copy("first").env("CPRA_DATA", shared.toString());
        first.serve();
        Distribution second = copy("second").env("CPRA_DATA", shared.toString());

        Distribution.Result refused = second.serveExpectingExit();

        assertThat(refused.status()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("is in use by another cpra (pid " + first.process().pid() + ")")
                .doesNotContain("listening on");
        assertThat(first.get("/observe/health/ready").statusCode()).isEqualTo(200);
        assertThat(Files.readString(shared.resolve("cpra.lock"), StandardCharsets.US_ASCII).strip())
                .isEqualTo(Long.toString(first.process().pid()));

        // a lock file left by a killed server does not block the next one: the OS lock is what counts
        first.killNine();
        second.serve();
        assertThat(second.get("/observe/health/ready").statusCode()).isEqualTo(200);
    }
}
