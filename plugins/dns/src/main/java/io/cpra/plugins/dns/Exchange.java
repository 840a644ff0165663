package io.cpra.plugins.dns;

import io.cpra.plugin.api.Deadline;
import org.xbill.DNS.Message;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Sends one DNS query and waits for its response, over UDP or TCP, on the calling thread, with
 * every blocking step bounded by the deadline. No instances.
 *
 * <p>Why not dnsjava's resolvers: they time out per resolver rather than per call, and run
 * their I/O on a selector thread of their own. Here the exchange is two socket calls on the
 * check's virtual thread, which the platform's interrupt can end; dnsjava encodes and decodes
 * the messages.
 */
final class Exchange {

    /** Large enough for any UDP response (EDNS allows up to 65535 bytes). */
    private static final int UDP_BUFFER = 65_535;

    private Exchange() {
    }

    /**
     * Asks over UDP. Datagrams from elsewhere, or with another query id, are ignored.
     *
     * @return the raw response
     * @throws SocketTimeoutException when no response came before the deadline
     */
    static byte[] udp(InetSocketAddress server, byte[] query, int id, Deadline deadline) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.send(new DatagramPacket(query, query.length));
            byte[] buffer = new byte[UDP_BUFFER];
            while (true) {
                socket.setSoTimeout(deadline.timeoutMillis());
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                if (packet.getLength() >= 2 && id(buffer) == id) {
                    byte[] response = new byte[packet.getLength()];
                    System.arraycopy(buffer, 0, response, 0, response.length);
                    return response;
                }
                if (deadline.expired()) {
                    throw new SocketTimeoutException("no matching response");
                }
            }
        }
    }

    /**
     * Asks over TCP: each message is preceded by its length in two bytes (RFC 1035 4.2.2).
     *
     * @return the raw response
     */
    static byte[] tcp(InetSocketAddress server, byte[] query, Deadline deadline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, deadline.timeoutMillis());
            socket.setSoTimeout(deadline.timeoutMillis());
            OutputStream out = socket.getOutputStream();
            byte[] framed = new byte[query.length + 2];
            framed[0] = (byte) (query.length >>> 8);
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readUnsignedShort();
            byte[] response = new byte[length];
            socket.setSoTimeout(deadline.timeoutMillis());
            in.readFully(response);
            return response;
        }
    }

    /** The id of a query, for matching its response. */
    static int id(Message query) {
        return query.getHeader().getID();
    }

    private static int id(byte[] message) {
        return ((message[0] & 0xff) << 8) | (message[1] & 0xff);
    }
}
