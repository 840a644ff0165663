package io.cpra.core.trust;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyCheckTest {

    @TempDir
    Path home;
    PolicyCheck check;

    /** Names resolve as a test says; any other name does not. */
    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "metadata.internal" -> List.of(InetAddress.getByName("169.254.169.254"));
            case "shop.example" -> List.of(InetAddress.getByName("203.0.113.7"));
            case "intranet.example" -> List.of(InetAddress.getByName("10.1.2.3"));
            default -> {
                if (host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                    yield List.of(InetAddress.getByName(host));
                }
                throw new UnknownHostException(host);
            }
        };
    }

    @BeforeEach
    void check() throws Exception {
        Files.createDirectories(home.resolve("logs"));
        check = PolicyCheck.create(ApiPolicy.defaults(), Catalog.PLUGINS, home, PolicyCheckTest::resolve);
    }

    private static Map<String, Object> monitor(String type, Map<String, Object> config) {
        return Map.of("name", "m", "pulse_check", Map.of("type", type, "interval", "10s", "config", config));
    }

    private static Map<String, Object> withCode(String notify, Map<String, Object> config) {
        return Map.of("name", "m", "pulse_check", Map.of("type", "tcp", "interval", "10s",
                "config", Map.of("host", "203.0.113.1", "port", 80)),
                "codes", Map.of("red", Map.of("notify", notify, "config", config)));
    }

    private List<PolicyCheck.Refusal> refusals(Map<String, Object> monitor) {
        return Catalog.check(check, monitor);
    }

    @Test
    void aLogFileOutsideLogsIsRefusedAtItsKeyPath() {
        List<PolicyCheck.Refusal> refused = refusals(withCode("log", Map.of("file", "/root/.bashrc")));
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("codes.red.config.file");
            assertThat(r.reason()).contains("/root/.bashrc").contains("logs");
        });
        assertThat(refusals(withCode("log", Map.of("file", "logs/red.log")))).isEmpty();
        assertThat(refusals(withCode("log", Map.of("file", "logs/cpra.0.log")))).as("the server's own log")
                .singleElement().satisfies(r -> assertThat(r.reason()).contains("own log"));
    }

    @Test
    void localProgramsNeedAllowCommandsAndTheirPathsAreNotLookedAt() {
        Map<String, Object> script = Map.of("name", "m",
                "pulse_check", Map.of("type", "tcp", "interval", "10s", "config", Map.of("host", "203.0.113.1", "port", 1)),
                "intervention", Map.of("action", "script", "target", Map.of("path", "/etc/shadow")));
        assertThat(refusals(script)).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("intervention.action");
            assertThat(r.reason()).contains("cpra.api.allow-commands").doesNotContain("/etc/shadow");
        });
        assertThat(refusals(monitor("command", Map.of("command", "/bin/true")))).singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("pulse_check.type"));

        check = PolicyCheck.create(ApiPolicy.defaults().withAllowCommands(true), Catalog.PLUGINS, home,
                PolicyCheckTest::resolve);
        assertThat(refusals(script)).as("a program can read what it likes; confining its path would be theatre").isEmpty();
    }

    @Test
    void pluginTypesOutsideTheListsAreRefused() {
        ApiPolicy onlyTcp = new ApiPolicy(false, java.util.Set.of("tcp"), java.util.Set.of("*"), java.util.Set.of(),
                List.of("logs"), List.of(), List.of(), List.of(), List.of(), "");
        check = PolicyCheck.create(onlyTcp, Catalog.PLUGINS, home, PolicyCheckTest::resolve);
        assertThat(refusals(monitor("http", Map.of("url", "http://shop.example/")))).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("pulse type http").contains("allowed: tcp"));
        assertThat(refusals(withCode("log", Map.of("file", "logs/x.log")))).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("allowed: none").contains("plugins.code"));
    }

    @Test
    void metadataAndLinkLocalTargetsAreRefusedByAddressOrByName() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://metadata.internal/",
                "http://[fe80::1%25eth0]:8080/", "http://[::ffff:169.254.169.254]/", "http://0.0.0.0:8080/")) {
            assertThat(refusals(monitor("http", Map.of("url", url)))).as(url).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("cpra.api.policy.targets.deny"));
        }
        assertThat(refusals(monitor("tcp", Map.of("host", "[fd00:ec2::254]", "port", 80)))).hasSize(1);
        assertThat(refusals(monitor("tcp", Map.of("host", "169.254.169.254:80")))).hasSize(1);
        assertThat(refusals(withCode("email", Map.of("host", "metadata.internal")))).hasSize(1);
        assertThat(refusals(monitor("http", Map.of("url", "http://127.0.0.1:8080/health")))).as("loopback is allowed")
                .isEmpty();
        assertThat(refusals(monitor("http", Map.of("url", "http://no-such-name.invalid/")))).as("unresolved passes")
                .isEmpty();
    }

    @Test
    void anAllowListLetsOnlyItsRangesThrough() {
        check = PolicyCheck.create(ApiPolicy.defaults().withTargets(List.of("203.0.113.0/24"), List.of("203.0.113.99")),
                Catalog.PLUGINS, home, PolicyCheckTest::resolve);
        assertThat(refusals(monitor("http", Map.of("url", "https://shop.example/")))).isEmpty();
        assertThat(refusals(monitor("http", Map.of("url", "http://intranet.example/")))).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("10.1.2.3").contains("targets.allow"));
        assertThat(refusals(monitor("http", Map.of("url", "http://203.0.113.99/")))).as("deny wins").hasSize(1);
    }

    @Test
    void responsesOfLoopbackAndPrivateTargetsCannotBeMatched() {
        assertThat(refusals(monitor("http", Map.of("url", "http://127.0.0.1:9/admin", "body_regex", "^a"))))
                .singleElement().satisfies(r -> {
                    assertThat(r.path()).isEqualTo("pulse_check.config.body_regex");
                    assertThat(r.reason()).contains("127.0.0.0/8").contains("body-match-deny");
                });
        assertThat(refusals(monitor("http", Map.of("url", "http://intranet.example/", "body_regex", "^a")))).hasSize(1);
        assertThat(refusals(monitor("http", Map.of("url", "https://shop.example/", "body_regex", "UP")))).isEmpty();
    }

    @Test
    void secretsFromFilesAndTheEnvironmentAreConfinedToo() {
        assertThat(refusals(monitor("http", Map.of("url", "https://shop.example/", "password_file", "/etc/shadow"))))
                .singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("pulse_check.config.password_file"));
        assertThat(refusals(monitor("http", Map.of("url", "https://shop.example/", "password_file", "secrets/shop"))))
                .isEmpty();
        assertThat(refusals(monitor("http", Map.of("url", "https://shop.example/", "password_env", "CPRA_API_TOKEN"))))
                .singleElement().satisfies(r -> assertThat(r.reason()).contains("CPRA_SECRET_"));
        assertThat(refusals(monitor("http", Map.of("url", "https://shop.example/", "password_env", "CPRA_SECRET_SHOP"))))
                .isEmpty();
        assertThat(refusals(monitor("http", Map.of("url", "https://shop.example/", "ca_file", "/etc/ssl/private/key.pem"))))
                .singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("pulse_check.config.ca_file"));
    }
}
