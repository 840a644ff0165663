package io.cpra.core.trust;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address range in CIDR notation ({@code 169.254.0.0/16}, {@code fe80::/10}); a bare
 * address is a range of one. Parsing never consults DNS: only address literals are accepted.
 * Immutable.
 *
 * @param text   the range as written
 * @param prefix the network's bytes (4 or 16)
 * @param bits   the prefix length
 */
record Cidr(String text, byte[] prefix, int bits) {

    /**
     * Parses a range.
     *
     * @param text such as {@code 10.0.0.0/8}, {@code ::1}, {@code fd00:ec2::254/128}
     * @return the range
     * @throws IllegalArgumentException when it is not an address literal with a fitting prefix length
     */
    static Cidr parse(String text) {
        String written = text.strip();
        int slash = written.indexOf('/');
        String address = slash < 0 ? written : written.substring(0, slash);
        if (address.isEmpty() || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            throw new IllegalArgumentException("not an address or CIDR range: \"" + text + "\"");
        }
        byte[] bytes;
        try {
            // a literal of hex digits, dots and colons: InetAddress parses it without a lookup
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address or CIDR range: \"" + text + "\"");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(written.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a prefix length in \"" + text + "\"");
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in \"" + text + "\"");
            }
        }
        return new Cidr(written, bytes, bits);
    }

    /**
     * Whether an address lies in the range. An IPv6 address that embeds an IPv4 one (the
     * IPv4-compatible {@code ::a.b.c.d} and NAT64's {@code 64:ff9b::a.b.c.d}) is checked as
     * that IPv4 address too, since it may reach the same host.
     *
     * @param address the address
     * @return true when inside
     */
    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (matches(bytes)) {
            return true;
        }
        byte[] embedded = embeddedIpv4(address);
        return embedded != null && matches(embedded);
    }

    private boolean matches(byte[] bytes) {
        if (bytes.length != prefix.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[whole] & mask) == (prefix[whole] & mask);
    }

    private static byte[] embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        // ::/104 (::, ::1) holds no IPv4 address: those are the unspecified and loopback addresses
        boolean compatible = isZero(b, 0, 12) && b[12] != 0;
        boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && isZero(b, 4, 12);
        return compatible || nat64 ? Arrays.copyOfRange(b, 12, 16) : null;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && bits == that.bits && Arrays.equals(prefix, that.prefix);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(prefix) + bits;
    }

    @Override
    public String toString() {
        return text;
    }
}
