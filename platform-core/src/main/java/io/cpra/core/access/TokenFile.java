package io.cpra.core.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tokens file: one token per line, {@code NAME SCOPES sha256:HEX}, where SCOPES is a comma
 * list of {@code read}, {@code operate}, {@code admin} and HEX the SHA-256 of the token in
 * lower-case hex. Blank lines and lines starting with {@code #} are ignored.
 *
 * <pre>
 * # name     scopes         digest of the token
 * grafana    read           sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * oncall     operate        sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752
 * </pre>
 *
 * <p>Reading refuses the whole file at its first bad line, naming {@code file:line:column};
 * writing replaces the file in one rename with owner-only permissions, so a server reading it
 * meanwhile sees the old file or the new one, never half of one. Thread-safe (stateless).
 */
public final class TokenFile {

    /** The prefix of a digest in the file. */
    static final String SHA256 = "sha256:";
    /** Names are what the event history shows as actors: short, printable, no spaces. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private static final int DIGEST_HEX = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFile() {
    }

    /**
     * One line of the file. Immutable.
     *
     * @param name   the token's name
     * @param scopes its scopes
     * @param digest the SHA-256 of the token, 32 bytes
     */
    public record Entry(String name, Set<Scope> scopes, byte[] digest) {

        /** Checks and copies. */
        public Entry {
            Objects.requireNonNull(name, "name");
            scopes = Set.copyOf(scopes);
            digest = digest.clone();
            if (digest.length != DIGEST_HEX / 2) {
                throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
            }
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }

        String line() {
            return name + " " + scopes.stream().sorted().map(Scope::key).collect(Collectors.joining(",")) + " "
                    + SHA256 + HexFormat.of().formatHex(digest);
        }
    }

    /** A tokens file that cannot be used; the message names {@code file:line:column} and never holds a token. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Reads a tokens file.
     *
     * @param file the file
     * @return its entries, in file order; empty when the file does not exist
     * @throws Invalid at the first bad line, or when the file cannot be read
     */
    public static List<Entry> read(Path file) throws Invalid {
        String text;
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new Invalid(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(file.toString(), text);
    }

    /**
     * Parses a tokens file's text.
     *
     * @param source what to call it in errors
     * @param text   the text
     * @return the entries, in order
     * @throws Invalid at the first bad line
     */
    static List<Entry> parse(String source, String text) throws Invalid {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Entry entry = entry(source, i + 1, line);
            if (entries.putIfAbsent(entry.name(), entry) != null) {
                throw new Invalid(source + ":" + (i + 1) + ":" + (line.indexOf(entry.name()) + 1)
                        + ": token " + entry.name() + " is named twice");
            }
        }
        return List.copyOf(entries.values());
    }

    private static Entry entry(String source, int number, String line) throws Invalid {
        List<int[]> fields = fields(line);
        String where = source + ":" + number + ":";
        if (fields.size() != 3) {
            throw new Invalid(where + (fields.isEmpty() ? 1 : fields.get(0)[0] + 1) + ": expected NAME SCOPES sha256:HEX,"
                    + " found " + fields.size() + " field(s)");
        }
        String name = text(line, fields.get(0));
        String scopes = text(line, fields.get(1));
        String digest = text(line, fields.get(2));
        if (!NAME.matcher(name).matches()) {
            throw new Invalid(where + (fields.get(0)[0] + 1) + ": the name must be 1 to 64 letters, digits or . _ @ -,"
                    + " starting with a letter or digit");
        }
        if (name.equals(Tokens.CONFIGURED)) {
            throw new Invalid(where + (fields.get(0)[0] + 1) + ": the name " + Tokens.CONFIGURED
                    + " is kept for cpra.api.token");
        }
        Set<Scope> parsed = EnumSet.noneOf(Scope.class);
        for (String key : scopes.split(",", -1)) {
            Scope scope = Scope.of(key);
            if (scope == null) {
                throw new Invalid(where + (fields.get(1)[0] + 1) + ": token " + name + ": unknown scope \"" + clip(key)
                        + "\"; scopes are read, operate, admin, comma separated");
            }
            parsed.add(scope);
        }
        byte[] bytes = hex(digest);
        if (bytes == null) {
            // the third field may be a token pasted by mistake: never quote it
            throw new Invalid(where + (fields.get(2)[0] + 1) + ": token " + name + ": expected sha256: and 64 lower-case"
                    + " hex digits (the digest, never the token itself; bin/cpra token add writes it)");
        }
        return new Entry(name, parsed, bytes);
    }

    private static byte[] hex(String digest) {
        if (!digest.startsWith(SHA256) || digest.length() != SHA256.length() + DIGEST_HEX) {
            return null;
        }
        String hex = digest.substring(SHA256.length());
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The [start, end) of each whitespace-separated field. */
    private static List<int[]> fields(String line) {
        List<int[]> fields = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                i++;
            }
            if (i > start) {
                fields.add(new int[] {start, i});
            }
        }
        return fields;
    }

    private static String text(String line, int[] field) {
        return line.substring(field[0], field[1]);
    }

    private static String clip(String text) {
        String printable = text.codePoints().map(c -> c < ' ' || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 20 ? printable.substring(0, 20) + "..." : printable;
    }

    /**
     * Replaces the file with these entries, keeping its comment lines at the top.
     *
     * @param file    the file; its folder must exist
     * @param entries the entries
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<Entry> entries) throws IOException {
        StringBuilder text = new StringBuilder();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.strip().startsWith("#")) {
                    text.append(line).append('\n');
                }
            }
        } else {
            text.append("# cpra API tokens: NAME SCOPES sha256:DIGEST; managed with bin/cpra token\n");
        }
        for (Entry entry : entries) {
            text.append(entry.line()).append('\n');
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(temp + " appeared while writing the tokens file", e);
        }
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A new token: {@code cpra_} and 256 random bits, URL-safe base64.
     *
     * @return the token
     */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "cpra_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The digest a token is known by.
     *
     * @param token the token
     * @return its SHA-256
     */
    public static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Parses a scope list as the command line gives it.
     *
     * @param list such as {@code read,operate}
     * @return the scopes
     * @throws IllegalArgumentException naming the unknown scope
     */
    public static Set<Scope> scopes(String list) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String key : list.split(",", -1)) {
            Scope scope = Scope.of(key.strip());
            if (scope == null) {
                throw new IllegalArgumentException("unknown scope \"" + clip(key) + "\"; scopes are read, operate, admin");
            }
            scopes.add(scope);
        }
        return scopes;
    }

    /**
     * Whether a name may be given to a token.
     *
     * @param name the name
     * @return true when it fits the file and is not {@value Tokens#CONFIGURED}
     */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches() && !name.equals(Tokens.CONFIGURED);
    }
}
