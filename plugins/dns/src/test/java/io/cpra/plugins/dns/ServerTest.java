package io.cpra.plugins.dns;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "10.0.0.53,          10.0.0.53,      53",
            "10.0.0.53:5353,     10.0.0.53,      5353",
            "ns1.example,        ns1.example,    53",
            "ns1.example:54,     ns1.example,    54",
            "[2001:db8::53]:853, 2001:db8::53,   853",
            "[::1],              ::1,            53",
            "2001:db8::53,       2001:db8::53,   53"})
    void parsesHostAndPort(String text, String host, int port) {
        assertThat(Server.parse(text)).isEqualTo(new Server(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "dns://x", "x:0", "x:65536", "x:port", "[::1", "[::1]53"})
    void rejectsWhatIsNotAServer(String text) {
        assertThatThrownBy(() -> Server.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void printsWhatItParses(@ForAll @IntRange(min = 1, max = 65_535) int port,
                            @ForAll("hosts") String host) {
        Server server = new Server(host, port);

        assertThat(Server.parse(server.toString())).isEqualTo(server);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.of("10.0.0.1", "ns.example", "::1", "2001:db8::1", "fe80::1:2");
    }
}
