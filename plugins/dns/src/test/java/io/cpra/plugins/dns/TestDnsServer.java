package io.cpra.plugins.dns;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny authoritative DNS server on loopback for tests, written with dnsjava's message
 * classes: UDP and TCP on the same port, answers from a list of records, NXDOMAIN for names
 * it does not hold, TC-flagged UDP answers for chosen names, and a silent mode that answers
 * nothing.
 */
final class TestDnsServer implements AutoCloseable {

    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final Set<Name> truncated = ConcurrentHashMap.newKeySet();
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private volatile boolean silent;

    TestDnsServer() throws IOException {
        DatagramSocket boundUdp = null;
        ServerSocket boundTcp = null;
        for (int tries = 0; boundTcp == null; tries++) {
            boundUdp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                boundTcp = new ServerSocket(boundUdp.getLocalPort(), 50, InetAddress.getLoopbackAddress());
            } catch (BindException taken) {
                boundUdp.close();
                if (tries == 20) {
                    throw taken;
                }
            }
        }
        this.udp = boundUdp;
        this.tcp = boundTcp;
        Thread.ofVirtual().start(this::serveUdp);
        Thread.ofVirtual().start(this::serveTcp);
    }

    TestDnsServer add(Record record) {
        records.add(record);
        return this;
    }

    /** UDP answers for this name carry the TC flag and no records, so clients retry over TCP. */
    TestDnsServer truncate(Name name) {
        truncated.add(name);
        return this;
    }

    /** Whether to drop every query. */
    void silent(boolean silent) {
        this.silent = silent;
    }

    Server server() {
        return new Server("127.0.0.1", udp.getLocalPort());
    }

    int udpQueries() {
        return udpQueries.get();
    }

    int tcpQueries() {
        return tcpQueries.get();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65_535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                udpQueries.incrementAndGet();
                if (silent) {
                    continue;
                }
                Message query = new Message(Arrays.copyOf(buffer, packet.getLength()));
                byte[] answer = answer(query, true).toWire();
                udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException closedOrMalformed) {
                if (udp.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket connection = tcp.accept();
                Thread.ofVirtual().start(() -> {
                    try (connection) {
                        DataInputStream in = new DataInputStream(connection.getInputStream());
                        byte[] query = new byte[in.readUnsignedShort()];
                        in.readFully(query);
                        tcpQueries.incrementAndGet();
                        if (silent) {
                            in.read();
                            return;
                        }
                        byte[] answer = answer(new Message(query), false).toWire();
                        DataOutputStream out = new DataOutputStream(connection.getOutputStream());
                        out.writeShort(answer.length);
                        out.write(answer);
                        out.flush();
                    } catch (IOException gone) {
                        // the client went away
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    private Message answer(Message query, boolean overUdp) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        if (overUdp && truncated.contains(question.getName())) {
            response.getHeader().setFlag(Flags.TC);
            return response;
        }
        List<Record> sameName = new ArrayList<>();
        for (Record record : records) {
            if (record.getName().equals(question.getName()) && record.getDClass() == DClass.IN) {
                sameName.add(record);
            }
        }
        if (sameName.isEmpty()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        for (Record record : sameName) {
            if (record.getType() == question.getType()) {
                response.addRecord(record, Section.ANSWER);
            }
        }
        return response;
    }

    @Override
    public void close() {
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
