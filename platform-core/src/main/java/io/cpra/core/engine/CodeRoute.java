package io.cpra.core.engine;

import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.Notifier;

import java.util.Objects;

/**
 * Where one colour of a monitor's codes goes. Immutable.
 *
 * @param colour   the colour
 * @param type     the code plugin's type ({@code notify})
 * @param notifier the prepared notifier
 * @param dispatch false when the code is an event only and is not delivered
 */
public record CodeRoute(Colour colour, String type, Notifier notifier, boolean dispatch) {

    /** Checks that nothing is missing. */
    public CodeRoute {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(notifier, "notifier");
    }
}
