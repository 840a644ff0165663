package io.cpra.core.trust;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    private static InetAddress at(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void rangesContainTheirAddressesAndNoOthers() throws Exception {
        Cidr linkLocal = Cidr.parse("169.254.0.0/16");
        assertThat(linkLocal.contains(at("169.254.169.254"))).isTrue();
        assertThat(linkLocal.contains(at("169.255.0.1"))).isFalse();
        assertThat(Cidr.parse("fe80::/10").contains(at("fe80::1"))).isTrue();
        assertThat(Cidr.parse("fe80::/10").contains(at("fec0::1"))).isFalse();
        assertThat(Cidr.parse("fd00:ec2::254").contains(at("fd00:ec2:0::254"))).isTrue();
        assertThat(Cidr.parse("172.16.0.0/12").contains(at("172.31.255.255"))).isTrue();
        assertThat(Cidr.parse("172.16.0.0/12").contains(at("172.32.0.0"))).isFalse();
    }

    @Test
    void ipv6FormsOfAnIpv4AddressAreCheckedAsIt() throws Exception {
        Cidr metadata = Cidr.parse("169.254.169.254/32");
        assertThat(metadata.contains(at("::ffff:169.254.169.254"))).isTrue();
        assertThat(metadata.contains(at("::169.254.169.254"))).isTrue();
        assertThat(metadata.contains(at("64:ff9b::a9fe:a9fe"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/8").contains(at("::1"))).as("loopback is not 0.0.0.1").isFalse();
    }

    @Test
    void onlyLiteralsAreAcceptedSoParsingNeverLooksUpAName() {
        assertThatThrownBy(() -> Cidr.parse("metadata.google.internal")).hasMessageContaining("not an address");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> Cidr.parse("")).hasMessageContaining("not an address");
    }

    @Property
    void anAddressIsInEveryRangeOfItsOwnPrefix(@ForAll @IntRange(min = 0, max = 255) int a,
                                               @ForAll @IntRange(min = 0, max = 255) int b,
                                               @ForAll @IntRange(min = 0, max = 255) int c,
                                               @ForAll @IntRange(min = 0, max = 255) int d,
                                               @ForAll @IntRange(min = 0, max = 32) int bits) throws Exception {
        InetAddress address = at(a + "." + b + "." + c + "." + d);
        long value = ((long) a << 24) | (b << 16) | (c << 8) | d;
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        long network = value & mask;
        String range = (network >>> 24) + "." + ((network >>> 16) & 255) + "." + ((network >>> 8) & 255) + "."
                + (network & 255) + "/" + bits;
        assertThat(Cidr.parse(range).contains(address)).as(range).isTrue();
        if (bits > 0) {
            long flipped = value ^ (1L << (32 - bits));  // the last bit of the prefix, changed
            InetAddress outside = at((flipped >>> 24) + "." + ((flipped >>> 16) & 255) + "." + ((flipped >>> 8) & 255)
                    + "." + (flipped & 255));
            assertThat(Cidr.parse(range).contains(outside)).as(outside + " in " + range).isFalse();
        }
    }
}
