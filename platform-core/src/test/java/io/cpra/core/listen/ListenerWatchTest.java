package io.cpra.core.listen;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** The watch asks the kernel whether a socket still listens on an address. */
class ListenerWatchTest {

    @Test
    void aListeningSocketIsSeenAndItsEndToo() throws Exception {
        InetSocketAddress address;
        try (ServerSocket listening = new ServerSocket()) {
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress("127.0.0.1", 0));
            address = new InetSocketAddress("127.0.0.1", listening.getLocalPort());

            assertThat(ListenerWatch.probe(address)).isEqualTo(ListenerWatch.Answer.LISTENING);
            assertThat(ListenerWatch.gone(address)).isNull();
        }
        assertThat(ListenerWatch.probe(address)).isEqualTo(ListenerWatch.Answer.FREE);
        assertThat(ListenerWatch.gone(address)).isEqualTo("nothing listens on 127.0.0.1:" + address.getPort() + " any more");
    }

    @Test
    void anAddressThatIsNotThisHostsCannotTell() {
        // TEST-NET-1 (RFC 5737): never assigned to this host, so bind fails without meaning "in use"
        assertThat(ListenerWatch.probe(new InetSocketAddress("192.0.2.1", 8080))).isEqualTo(ListenerWatch.Answer.UNKNOWN);
    }
}
