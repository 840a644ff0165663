package io.cpra.core.plugin;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages a jar's classes refer to, read from their constant pools without loading
 * them: how the host sees what an automatic module (which reads every module) actually uses.
 * Class entries and the type names inside descriptors both count. Thread-safe; no state.
 */
final class ClassReferences {

    /** A class name inside a descriptor or signature: {@code Lcom/acme/Thing;} or {@code Lcom/acme/Box<}. */
    private static final Pattern TYPE = Pattern.compile("L([\\w/$]+)[;<]");

    private ClassReferences() {
    }

    /**
     * Reads every class file of a jar, versioned entries included.
     *
     * @param jar the jar
     * @return the packages referred to, dotted ({@code com.acme}), the jar's own included
     * @throws IOException when the jar or one of its class files cannot be read
     */
    static Set<String> packagesUsedBy(Path jar) throws IOException {
        Set<String> packages = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        read(new DataInputStream(in), packages);
                    }
                }
            }
        }
        return packages;
    }

    /** Walks one class file's constant pool (JVMS 4.4); the rest of the file is not needed. */
    static void read(DataInputStream in, Set<String> packages) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();  // minor version
        in.readUnsignedShort();  // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int classes = 0;
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames[classes++] = in.readUnsignedShort();  // Class
                case 8, 16, 19, 20 -> in.readUnsignedShort();  // String, MethodType, Module, Package
                case 15 -> in.skipNBytes(3);  // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {  // Long and Double take two slots
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        for (int c = 0; c < classes; c++) {
            String name = utf8[classNames[c]];
            if (name != null && !name.startsWith("[")) {
                add(name, packages);
            }
        }
        for (String text : utf8) {
            if (text != null && text.indexOf('L') >= 0 && text.indexOf(';') > 0) {
                Matcher type = TYPE.matcher(text);
                while (type.find()) {
                    add(type.group(1), packages);
                }
            }
        }
    }

    private static void add(String internalName, Set<String> packages) {
        int slash = internalName.lastIndexOf('/');
        if (slash > 0) {
            packages.add(internalName.substring(0, slash).replace('/', '.'));
        }
    }
}
