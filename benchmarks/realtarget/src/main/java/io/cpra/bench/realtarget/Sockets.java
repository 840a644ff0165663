package io.cpra.bench.realtarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * TCP sockets as {@code ss -Htan} lists them: connections to the targets' ports and sockets in
 * TIME-WAIT. The machine's, not only the suite's: other programs' sockets count in TIME-WAIT's
 * machine-wide figure, which is why the targets' share is given apart.
 *
 * @param toTargets       established connections whose peer is a target port (client side)
 * @param timeWait        sockets in TIME-WAIT, machine-wide
 * @param timeWaitTargets sockets in TIME-WAIT with a target port at either end
 */
record Sockets(int toTargets, int timeWait, int timeWaitTargets) {

    static final Sockets NONE = new Sockets(-1, -1, -1);

    /**
     * @param targetPorts the ports of the targets
     * @return the counts now, or {@link #NONE} when {@code ss} cannot be run
     */
    static Sockets count(Set<Integer> targetPorts) {
        try {
            Process ss = new ProcessBuilder("ss", "-Htan").redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ss.waitFor(30, TimeUnit.SECONDS) || ss.exitValue() != 0) {
                return NONE;
            }
            return parse(output, targetPorts);
        } catch (IOException e) {
            return NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NONE;
        }
    }

    /** Lines of {@code State Recv-Q Send-Q Local:Port Peer:Port}. */
    static Sockets parse(String output, Set<Integer> targetPorts) {
        int toTargets = 0;
        int timeWait = 0;
        int timeWaitTargets = 0;
        for (String line : output.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 5) {
                continue;
            }
            int local = port(fields[3]);
            int peer = port(fields[4]);
            if (fields[0].equals("ESTAB") && targetPorts.contains(peer)) {
                toTargets++;
            } else if (fields[0].equals("TIME-WAIT")) {
                timeWait++;
                if (targetPorts.contains(local) || targetPorts.contains(peer)) {
                    timeWaitTargets++;
                }
            }
        }
        return new Sockets(toTargets, timeWait, timeWaitTargets);
    }

    private static int port(String address) {
        try {
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
