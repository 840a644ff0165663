package io.cpra.plugins.webhook.delivery;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.Deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Values shared by this module's tests. */
public final class Fixtures {

    /** When every test alert happened. */
    public static final Instant OCCURRED = Instant.parse("2025-03-04T05:06:07Z");

    private Fixtures() {
    }

    /**
     * An alert of the given colour for checkout-api, inside incident inc-42.
     *
     * @param colour the colour
     * @return the alert
     */
    public static Alert alert(Colour colour) {
        return Alert.builder().id("alert-7").monitor("checkout-api").colour(colour)
                .title("[" + colour.status() + "] checkout-api").summary("checkout-api failed 3 checks in a row")
                .action("Check the <pods> & restart").incidentId("inc-42").occurredAt(OCCURRED)
                .lastMessage("HTTP 503 in 12 ms").groups(List.of("payments", "tier-1")).build();
    }

    /**
     * An alert raised outside an incident.
     *
     * @param colour the colour
     * @return the alert, with an empty incident id and no groups
     */
    public static Alert withoutIncident(Colour colour) {
        return Alert.builder().id("alert-8").monitor("orders-db").colour(colour)
                .title("[" + colour.status() + "] orders-db").summary("first failure").occurredAt(OCCURRED)
                .build();
    }

    /**
     * A deadline comfortably far away.
     *
     * @return five seconds from now
     */
    public static Deadline later() {
        return Deadline.after(Duration.ofSeconds(5));
    }

    /**
     * A loopback URL nothing listens on.
     *
     * @return the URL of a port that was free a moment ago
     */
    public static String deadUrl() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        }
    }
}
