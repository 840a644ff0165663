package io.cpra.plugins.log;

import io.cpra.plugin.api.CodePlugin;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.SharedInstances;
import io.cpra.plugin.api.ValueType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code log} code: appends one line per code to a file (CPRA's {@code file} key; relative
 * paths resolve against the cpra home), as a human-readable line or as a JSON object per line
 * (see {@link LineFormat}).
 *
 * <pre>{@code
 * codes:
 *   red:
 *     dispatch: true
 *     notify: log
 *     config:
 *       file: logs/critical_alerts.log
 *       format: json
 * }</pre>
 *
 * <p>Every monitor that logs to one file shares one {@link LogFile} (one writer, lines never
 * interleaved), and monitors with equal blocks share one notifier; both are released when the
 * last monitor using them goes away.
 */
public final class LogPlugin implements CodePlugin {

    static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "log",
            "Appends one line per code to a file, as text or JSON lines",
            ConfigKey.required("file", ValueType.STRING,
                    "the file to append to; relative paths resolve against the cpra home")
                    .withRoles(KeyRole.WRITE_PATH),
            ConfigKey.optional("format", ValueType.STRING, "text",
                    "text (one human-readable line) or json (one JSON object per line)"),
            ConfigKey.optional("sync", ValueType.BOOLEAN, "false",
                    "force each line to disk before reporting it delivered"));

    private final SharedInstances<Path, LogFile> files = SharedInstances.create(LogFile::close);
    private final SharedInstances<LogNotifier.Settings, LogNotifier> notifiers = SharedInstances.create(LogNotifier::releaseFile);

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public LogPlugin() {
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Notifier prepare(PluginConfig config, PluginContext context) {
        String written = config.string("file").strip();
        if (written.isEmpty()) {
            throw config.error("file", "must name a file");
        }
        Path path = context.resolve(written);
        if (Files.isDirectory(path)) {
            throw config.error("file", path + " is a directory, not a file");
        }
        Path parent = path.getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw config.error("file", parent + " is not a directory");
        }
        LineFormat format = switch (config.string("format", "text").strip().toLowerCase(Locale.ROOT)) {
            case "text" -> LineFormat.TEXT;
            case "json" -> LineFormat.JSON;
            default -> throw config.error("format", "expected text or json, got \"" + config.string("format") + "\"");
        };
        LogNotifier.Settings settings = new LogNotifier.Settings(path, format, config.bool("sync", false));
        return notifiers.acquire(settings, key -> new LogNotifier(key, files.acquire(key.path(), LogFile::new), this));
    }

    void release(LogNotifier.Settings settings) {
        notifiers.release(settings);
    }

    void releaseFile(Path path) {
        files.release(path);
    }

    /** Open files held, for tests. */
    int files() {
        return files.size();
    }

    /** Distinct notifiers held, for tests. */
    int notifiers() {
        return notifiers.size();
    }
}
