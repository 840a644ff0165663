package io.cpra.core;

import io.cpra.core.access.Scope;
import io.cpra.core.access.TokenFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bin/cpra token}: adds, revokes and lists the API's named tokens in the tokens file. A
 * new token is printed once, on standard output alone so that it can be captured
 * ({@code TOKEN=$(bin/cpra token add ci --scopes=operate)}); only its digest is kept. A running
 * server notices the file's change at its next request, so no restart is needed. Exit status as
 * {@link Main}'s: 0 done, 1 refused, 2 bad command line.
 */
final class TokenCommand {

    static final String USAGE = """
            usage: cpra token add NAME --scopes=read,operate,admin
                   cpra token revoke NAME
                   cpra token list
            """;

    private TokenCommand() {
    }

    static int run(String[] args, Path file, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (args[0]) {
                case "add" -> add(args, file, out, err);
                case "revoke" -> revoke(args, file, out, err);
                case "list" -> args.length == 1 ? list(file, out) : usage(err);
                default -> usage(err);
            };
        } catch (TokenFile.Invalid e) {
            err.println("cpra token: " + e.getMessage() + "; nothing was changed");
            return 1;
        } catch (IOException e) {
            err.println("cpra token: cannot write " + file + " (" + e.getMessage() + "); nothing was changed");
            return 1;
        }
    }

    private static int add(String[] args, Path file, PrintStream out, PrintStream err) throws TokenFile.Invalid, IOException {
        if (args.length != 3 || !args[2].startsWith("--scopes=")) {
            return usage(err);
        }
        String name = args[1];
        if (!TokenFile.validName(name)) {
            err.println("cpra token: the name must be 1 to 64 letters, digits or . _ @ -, starting with a letter or digit,"
                    + " and not \"default\" (the name of cpra.api.token)");
            return 2;
        }
        Set<Scope> scopes;
        try {
            scopes = TokenFile.scopes(args[2].substring("--scopes=".length()));
        } catch (IllegalArgumentException e) {
            err.println("cpra token: " + e.getMessage());
            return 2;
        }
        List<TokenFile.Entry> entries = new ArrayList<>(TokenFile.read(file));
        if (entries.stream().anyMatch(entry -> entry.name().equals(name))) {
            err.println("cpra token: a token named " + name + " exists; revoke it first to replace it");
            return 1;
        }
        String token = TokenFile.newToken();
        entries.add(new TokenFile.Entry(name, scopes, TokenFile.digest(token)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        TokenFile.write(file, entries);
        err.println("token " + name + " (" + keys(scopes) + ") added to " + file
                + "; it is shown once, below, and cannot be read back");
        out.println(token);
        return 0;
    }

    private static int revoke(String[] args, Path file, PrintStream out, PrintStream err)
            throws TokenFile.Invalid, IOException {
        if (args.length != 2) {
            return usage(err);
        }
        List<TokenFile.Entry> entries = new ArrayList<>(TokenFile.read(file));
        if (!entries.removeIf(entry -> entry.name().equals(args[1]))) {
            err.println("cpra token: no token named " + args[1] + " in " + file);
            return 1;
        }
        TokenFile.write(file, entries);
        out.println("token " + args[1] + " revoked");
        return 0;
    }

    private static int list(Path file, PrintStream out) throws TokenFile.Invalid {
        for (TokenFile.Entry entry : TokenFile.read(file)) {
            out.println(entry.name() + " " + keys(entry.scopes()));
        }
        return 0;
    }

    private static String keys(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::key).collect(Collectors.joining(","));
    }

    private static int usage(PrintStream err) {
        err.print(USAGE);
        return 2;
    }
}
