package io.cpra.plugins.network;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IcmpAccessTest {

    @ParameterizedTest(name = "CapEff {0} -> {1}")
    @CsvSource({
            "000001fffeffffff, ICMP",      // root in a container: everything
            "0000000000002000, ICMP",      // only CAP_NET_RAW (bit 13)
            "0000000000000000, TCP_ECHO",  // an ordinary user
            "0000000000001000, TCP_ECHO",  // CAP_NET_ADMIN (bit 12) is not enough
            "ffffffffffffffff, ICMP",
            "not-hex,          TCP_ECHO"})
    void effectiveCapabilitiesDecide(String capEff, IcmpAccess expected) {
        List<String> status = List.of("Name:\tjava", "CapInh:\t0000000000000000", "CapEff:\t" + capEff, "CapBnd:\t000001ffffffffff");

        assertThat(IcmpAccess.fromProcStatus(status)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Name:\tjava"})
    void noCapabilityLineMeansNoIcmp(String line) {
        assertThat(IcmpAccess.fromProcStatus(List.of(line))).isEqualTo(IcmpAccess.TCP_ECHO);
    }
}
