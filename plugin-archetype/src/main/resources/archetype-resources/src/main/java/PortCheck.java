package ${package};

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One prepared check: connect, then close. Immutable, so safe for the concurrent calls cpra
 * may make. The connect is bounded by the deadline cpra hands in; a check never outlives it.
 */
final class PortCheck implements PulseCheck {

    private final String host;
    private final int port;

    PortCheck(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public PulseOutcome check(Deadline deadline) throws InterruptedException {
        if (deadline.expired()) {
            return PulseOutcome.unknown("no time left to connect to " + destination());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), deadline.timeoutMillis());
            return PulseOutcome.ok(destination() + " accepts connections");
        } catch (SocketTimeoutException e) {
            return PulseOutcome.critical(destination() + " did not answer in time");
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while connecting to " + destination());
            }
            return PulseOutcome.critical(destination() + " refused: " + e.getMessage());
        }
    }

    /** Lets cpra bound how many checks run against one host and port at once. */
    @Override
    public String destination() {
        return host + ":" + port;
    }
}
