package io.cpra.core.manifest;

import io.cpra.plugin.api.ConfigException;

import java.util.Map;
import java.util.Optional;

/**
 * Prepares one plugin block of a monitor that has other errors, only to learn what the plugin
 * would refuse in it, so that validation reports every independent error at once: an invalid
 * {@code interval} does not hide {@code port: 70000}, nor a value of the wrong type another
 * value the plugin checks itself. The instance prepared is closed at once; nothing runs.
 * Implemented by the stage that prepares plugins for real; must be safe to call from the
 * reading thread.
 */
@FunctionalInterface
public interface BlockTrial {

    /** Tries nothing: errors a plugin finds in its {@code prepare} appear once the rest is valid. */
    BlockTrial NONE = (family, type, monitor, path, config) -> Optional.empty();

    /**
     * Prepares a block and closes what was prepared.
     *
     * @param family  {@code pulse}, {@code intervention} or {@code code}
     * @param type    the plugin's type, known to be installed
     * @param monitor the monitor's name, or an empty string
     * @param path    the block's key path, such as {@code pulse_check.config}
     * @param config  the block, with the keys that already failed the declared checks left out
     * @return the plugin's refusal, or empty when it accepted the block
     */
    Optional<ConfigException> refusal(String family, String type, String monitor, String path,
                                      Map<String, Object> config);
}
