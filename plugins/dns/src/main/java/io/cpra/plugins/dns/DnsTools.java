package io.cpra.plugins.dns;

import org.xbill.DNS.ResolverConfig;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the checks of the {@code dns} plugin share: the clock they measure with and where the
 * system's resolvers are. Immutable and thread-safe.
 *
 * @param nanoClock     elapsed time; {@code System::nanoTime} in production
 * @param systemServers the system's resolvers, asked when a monitor names no server
 */
record DnsTools(LongSupplier nanoClock, Supplier<List<Server>> systemServers) {

    /** The system clock and the resolvers of {@code /etc/resolv.conf} (or the platform's equivalent). */
    static DnsTools system() {
        return new DnsTools(System::nanoTime, DnsTools::resolvConf);
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    // dnsjava caches the parsed configuration, so this is cheap on every check
    private static List<Server> resolvConf() {
        List<Server> servers = new ArrayList<>();
        for (InetSocketAddress address : ResolverConfig.getCurrentConfig().servers()) {
            servers.add(new Server(address.getAddress().getHostAddress(), address.getPort()));
        }
        return servers;
    }
}
