package io.cpra.core.engine.schedule;

/**
 * The assertion-only check that a single-writer structure is used by one thread.
 *
 * <p>The first thread that touches the structure becomes its owner; any other thread trips
 * an {@link AssertionError}. Call it only inside {@code assert}, so production runs (without
 * {@code -ea}) pay nothing and tests (with {@code -ea}) catch a second writer at once.
 */
final class OwnerThread {

    private final String structure;
    private Thread owner;

    OwnerThread(String structure) {
        this.structure = structure;
    }

    /**
     * Binds the owner on first use and checks it afterwards.
     *
     * @return true, so it can stand in an {@code assert}
     * @throws AssertionError when called from a thread other than the owner
     */
    boolean check() {
        Thread current = Thread.currentThread();
        if (owner == null) {
            owner = current;
        } else if (owner != current) {
            throw new AssertionError(structure + " is written by the engine thread only: owned by "
                    + owner.getName() + ", called from " + current.getName());
        }
        return true;
    }
}
