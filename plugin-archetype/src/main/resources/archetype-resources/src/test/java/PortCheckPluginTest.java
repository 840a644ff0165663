package ${package};

import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import io.cpra.plugin.testkit.Deadlines;
import io.cpra.plugin.testkit.PluginTester;
import io.cpra.plugin.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortCheckPluginTest {

    private final PortCheckPlugin plugin = new PortCheckPlugin();

    @Test
    void anOpenPortIsHealthyAndAClosedOneIsNot() throws IOException, InterruptedException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            PulseCheck check = PluginTester.prepare(plugin, TestConfigs.yaml("""
                    host: 127.0.0.1
                    port: %d
                    """.formatted(port)).build());

            assertEquals(PulseOutcome.Status.OK, check.check(Deadlines.generous()).status());
            assertEquals("127.0.0.1:" + port, check.destination());
        }
        PulseCheck closed = PluginTester.prepare(plugin, TestConfigs.of("host", "127.0.0.1", "port", port).build());
        assertEquals(PulseOutcome.Status.CRITICAL, closed.check(Deadlines.generous()).status());
    }

    @Test
    void noTimeLeftMeansUnknown() throws InterruptedException {
        PulseCheck check = PluginTester.prepare(plugin, TestConfigs.of("host", "127.0.0.1", "port", 9).build());

        assertEquals(PulseOutcome.Status.UNKNOWN, check.check(Deadlines.expired()).status());
    }

    @Test
    void badBlocksAreRefusedAtTheKey() {
        assertEquals("required key is missing",
                PluginTester.assertRefused(plugin, TestConfigs.of("host", "db").build(), "port").reason());
        assertEquals("expected 1 to 65535, got 70000",
                PluginTester.assertRefused(plugin, TestConfigs.of("host", "db", "port", 70000).build(), "port").reason());
        PluginTester.assertRefused(plugin, TestConfigs.of("host", " ", "port", 5432).build(), "host");
        PluginTester.assertRefused(plugin, TestConfigs.of("host", "db", "port", 5432, "prot", 1).build(), "prot");
    }

    @Test
    void theDescriptorSaysWhereTheTrafficGoes() {
        assertEquals("${type}", plugin.descriptor().type());
        assertTrue(plugin.descriptor().key("host").map(k -> k.has(KeyRole.TARGET_HOST)).orElse(false));
        assertTrue(plugin.descriptor().key("port").map(k -> k.has(KeyRole.TARGET_PORT)).orElse(false));
    }
}
