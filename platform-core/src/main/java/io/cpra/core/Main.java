package io.cpra.core;

import io.cpra.core.access.TokenFile;
import io.cpra.core.access.Tokens;
import io.cpra.core.listen.ListenerWatch;
import io.cpra.core.ops.Loader;
import io.cpra.core.plugin.MonitorCompiler;
import io.cpra.core.plugin.PluginFailure;
import io.cpra.core.plugin.PluginHost;
import io.cpra.core.plugin.PluginRegistry;
import io.cpra.core.storage.StorageException;
import io.cpra.core.series.SeriesCapException;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.helidon.service.registry.Services;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Entry point of {@code bin/cpra}: reads the command line and runs one sub-command.
 *
 * <p>Exit status: 0 on success, 1 when the command ran and found a problem (a plugin failed
 * to load, the server could not start), 2 for a bad command line.
 */
public final class Main {

    static final String USAGE = """
            usage: cpra [command]

            commands:
              serve           start the server (the default)
              plugins [TYPE]  list the installed plugins and those that failed to load; with a
                              type, the config keys it accepts
              validate [FILE] check a monitors manifest (by default the configured one): print
                              every error and exit 1, or a summary and exit 0
              token add NAME --scopes=read,operate,admin
                              add an API token to the tokens file (conf/tokens) and print it,
                              once; a running server takes it at its next request
              token revoke NAME
                              remove a token from the tokens file
              token list      list the tokens' names and scopes
              version, --version
                              print the versions of cpra, Java and Helidon
              help, --help    print this help

            Settings come from conf/application.yaml, overridden by environment variables
            (SERVER_PORT, SERVER_HOST, CPRA_MANIFEST, CPRA_PLUGINS_FOLDER, CPRA_API_TOKEN, ...).
            """;

    /** SIGTERM must end the process within 10 s; this leaves room for the JVM's own exit. */
    private static final long STOP_BUDGET_MILLIS = 8_000;

    /** The data folder's lock, referenced so that it lives as long as the process. */
    private static DataFolderLock heldDataLock;

    private Main() {
    }

    /**
     * Runs a sub-command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0 || !"serve".equals(command(args))) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = command(args);
        boolean takesArgument = "validate".equals(command) || "plugins".equals(command);
        if ("token".equals(command)) {
            return tokenCommand(args, out, err);
        }
        if (args.length > (takesArgument ? 2 : 1)) {
            err.println("cpra " + command + ": unexpected argument " + args[1]);
            err.print(USAGE);
            return 2;
        }
        return switch (command) {
            case "serve" -> serve(out, err);
            case "plugins" -> plugins(args.length > 1 ? args[1] : null, out, err);
            case "validate" -> validate(args.length > 1 ? args[1] : null, out, err);
            case "version", "--version" -> {
                out.println(VersionInfo.line());
                yield 0;
            }
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                err.println("cpra: unknown command \"" + command + "\"");
                err.print(USAGE);
                yield 2;
            }
        };
    }

    private static String command(String[] args) {
        return args.length == 0 ? "serve" : args[0];
    }

    private static Settings settings() {
        Path home = Path.of(System.getProperty("cpra.home", ".")).toAbsolutePath().normalize();
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                // earlier sources win: system properties, then environment, the file, cpra's defaults
                .sources(List.of(ConfigSources.systemProperties(),
                        ConfigSources.environmentVariables(),
                        ConfigSources.file(home.resolve("conf/application.yaml")).optional(),
                        ConfigSources.classpath("cpra-defaults.yaml")))
                .build();
        // Helidon's own components (metrics) read their settings from the service registry
        Services.set(io.helidon.common.config.Config.class, config);
        return Settings.from(config, home);
    }

    private static int tokenCommand(String[] args, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = settings();
        } catch (ConfigException e) {
            err.println("cpra: bad settings: " + e.getMessage());
            return 1;
        }
        return TokenCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), settings.tokensFile(), out, err);
    }

    private static int plugins(String type, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = settings();
        } catch (ConfigException e) {
            err.println("cpra: bad settings: " + e.getMessage());
            return 1;
        }
        PluginRegistry registry = PluginHost.load(settings.pluginsFolder());
        try {
            if (type != null) {
                return PluginTable.printKeys(registry, type, out, err) ? 0 : 1;
            }
            PluginTable.print(registry, settings.home(), out);
            if (!registry.failures().isEmpty()) {
                err.println(registry.failures().size() + " plugin(s) failed to load:");
                for (PluginFailure failure : registry.failures()) {
                    err.println("  " + failure.message());
                }
                return 1;
            }
            return 0;
        } finally {
            registry.close();
        }
    }

    private static int validate(String file, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = settings();
        } catch (ConfigException e) {
            err.println("cpra: bad settings: " + e.getMessage());
            return 1;
        }
        Path manifest = file == null ? settings.manifest() : Path.of(file).toAbsolutePath().normalize();
        PluginRegistry registry = PluginHost.load(settings.pluginsFolder());
        try {
            for (PluginFailure failure : registry.failures()) {
                err.println("warning: " + failure.message());
            }
            Loader load = Loader.read(manifest, settings.manifestLimits(), compiler(registry, settings), registry, err);
            load.plans().forEach(Loader::close);
            if (!load.result().ok()) {
                err.println(load.result().describe());
                return 1;
            }
            out.println(manifest + ": " + load.result().describe());
            return 0;
        } finally {
            registry.close();
        }
    }

    private static int serve(PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = settings();
        } catch (ConfigException e) {
            err.println("cpra: bad settings: " + e.getMessage());
            return 1;
        }
        // before anything else touches the data folder or starts a thread: one server per folder
        try {
            // held for the life of the process: an unreachable channel would be closed by its cleaner
            heldDataLock = DataFolderLock.take(settings.dataFolder());
        } catch (DataFolderLock.Held e) {
            err.println("cpra: not starting: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cpra: not starting: cannot lock the data folder " + settings.dataFolder() + ": " + e.getMessage());
            return 1;
        }
        if (settings.port() > 0 && ListenerWatch.probe(new InetSocketAddress(settings.host(), settings.port()))
                == ListenerWatch.Answer.LISTENING) {
            err.println("cpra: port " + settings.port() + " is already in use (on " + settings.host()
                    + "); stop what listens there or set server.port (SERVER_PORT)");
            return 1;
        }
        logToFile(settings.logsFolder(), err);
        Logger log = Logger.getLogger(Main.class.getName());
        PluginRegistry registry = PluginHost.load(settings.pluginsFolder());
        for (PluginFailure failure : registry.failures()) {
            log.severe(failure.message());
        }
        if (settings.pluginsStrict() && !registry.failures().isEmpty()) {
            err.println("cpra: not starting: " + registry.failures().size()
                    + " plugin(s) failed to load and cpra.plugins.strict is true");
            registry.close();
            return 1;
        }
        Loader load = Loader.read(settings.manifest(), settings.manifestLimits(), compiler(registry, settings), registry, out);
        if (!load.result().ok()) {
            err.println(load.result().describe());
            err.println("cpra: not starting: the manifest " + settings.manifest() + " has errors");
            registry.close();
            return 1;
        }
        log.info("manifest " + settings.manifest() + ": " + load.result().describe());
        Tokens tokens;
        try {
            tokens = Tokens.create(settings.api().token(), settings.tokensFile());
        } catch (TokenFile.Invalid e) {
            err.println("cpra: not starting: the tokens file is invalid: " + e.getMessage());
            load.plans().forEach(Loader::close);
            registry.close();
            return 1;
        }
        Server server;
        try {
            server = Server.start(settings, registry, load.plans(), tokens, out);
        } catch (SeriesCapException e) {
            err.println("cpra: not starting: " + e.getMessage());
            load.plans().forEach(Loader::close);
            registry.close();
            return 1;
        } catch (StorageException e) {
            err.println("cpra: not starting: " + e.getMessage());
            load.plans().forEach(Loader::close);
            registry.close();
            return 1;
        } catch (Server.ListenFailed e) {
            err.println("cpra: " + e.getMessage());
            registry.close();
            return 1;
        } catch (RuntimeException e) {
            err.println("cpra: cannot start the server on " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
            registry.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Signals.onHangup(() -> server.control().reload(out, "SIGHUP").thenAccept(outcome -> {
            if (outcome.ok()) {
                log.info("SIGHUP: manifest reloaded: " + outcome.body());
            } else {
                log.warning("SIGHUP: manifest not reloaded: " + outcome.message()
                        + outcome.problems().stream().map(p -> "\n  " + p.message()).reduce("", String::concat));
            }
        }));
        Signals.onTerminate(() -> {
            log.info("stopping");
            Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(STOP_BUDGET_MILLIS);
                    log.severe("stop took longer than " + STOP_BUDGET_MILLIS + " ms; halting");
                    Runtime.getRuntime().halt(1);
                } catch (InterruptedException done) {
                    Thread.currentThread().interrupt();
                }
            });
            server.stop();
            log.info("stopped");
            watchdog.interrupt();
            stopped.countDown();
            System.exit(0);
        });
        String scheme = settings.listener().tls() == null ? "http" : "https";
        out.println(VersionInfo.line() + " listening on " + scheme + "://" + settings.host() + ":" + server.port()
                + " with " + load.plans().size() + " monitor(s) and " + registry.entries().size() + " plugin type(s)"
                + (registry.failures().isEmpty() ? "" : ", " + registry.failures().size() + " plugin(s) failed"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static MonitorCompiler compiler(PluginRegistry registry, Settings settings) {
        return new MonitorCompiler(registry, settings.home(), settings.codeCooldown());
    }

    /** Besides the console, the server's log goes to logs/cpra.log, rotated at 10 MiB, 5 kept. */
    private static void logToFile(Path logsFolder, PrintStream err) {
        try {
            Files.createDirectories(logsFolder);
            FileHandler file = new FileHandler(logsFolder.resolve("cpra.%g.log").toString(), 10 << 20, 5, true);
            file.setFormatter(new SimpleFormatter());
            file.setLevel(Level.INFO);
            Logger.getLogger("").addHandler(file);
        } catch (IOException | SecurityException e) {
            err.println("cpra: cannot write logs to " + logsFolder + " (" + e.getMessage() + "); logging to the console only");
        }
    }
}
