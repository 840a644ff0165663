package io.cpra.core;

/**
 * Entry point of {@code bin/cpra}.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs a sub-command.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.out.println("cpra");
    }
}
