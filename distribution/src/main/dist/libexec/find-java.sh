# Finds a Java runtime of version 21 or newer and sets CPRA_JAVA to its `java` binary.
# POSIX sh; sourced by bin/cpra and by the build's ./mvnw script, both of which run under
# `set -eu`, so every command here must succeed or be tested.
# Order: $JAVA_HOME, then `java` on PATH, then the usual JVM folders (newest first).
# When none fits it prints every candidate it looked at, with its version, and returns 1.
# CPRA_JAVA_DIRS replaces the list of JVM folders searched (space-separated, globs allowed)
# for JDKs installed in unusual places.
# `cpra_find_java javac` (the build's ./mvnw) also wants that tool in the runtime's own bin/,
# found through its java.home (a `java` on PATH is often a symlink far from its JDK), and then
# sets CPRA_JAVA_HOME to that folder.

CPRA_JAVA_MIN=21
CPRA_JAVA_DIRS=${CPRA_JAVA_DIRS:-"/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/* /Library/Java/JavaVirtualMachines/*/Contents/Home"}

cpra_java_major() {
    # `java -version` prints e.g.: openjdk version "25.0.1" 2025-10-21  (or "1.8.0_392")
    "$1" -version 2>&1 | sed -n 's/^.* version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}

cpra_java_home() {
    # java.home is the runtime's own folder wherever `java` was found through symlinks
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1
}

cpra_find_java() {
    cpra_java_tool=${1:-}
    CPRA_JAVA=
    CPRA_JAVA_HOME=
    cpra_java_tried=
    for cpra_candidate in \
        ${JAVA_HOME:+"$JAVA_HOME/bin/java"} \
        "$(command -v java 2>/dev/null)" \
        $(for cpra_dir in $CPRA_JAVA_DIRS; do
              if [ -x "$cpra_dir/bin/java" ]; then echo "$cpra_dir/bin/java"; fi
          done | sort -r -V); do
        [ -n "$cpra_candidate" ] && [ -x "$cpra_candidate" ] || continue
        cpra_major=$(cpra_java_major "$cpra_candidate")
        cpra_java_note="version ${cpra_major:-unknown}"
        if [ -n "$cpra_major" ] && [ "$cpra_major" -ge "$CPRA_JAVA_MIN" ]; then
            if [ -z "$cpra_java_tool" ]; then
                CPRA_JAVA=$cpra_candidate
                return 0
            fi
            cpra_home=$(cpra_java_home "$cpra_candidate")
            if [ -n "$cpra_home" ] && [ -x "$cpra_home/bin/$cpra_java_tool" ]; then
                CPRA_JAVA=$cpra_candidate
                CPRA_JAVA_HOME=$cpra_home
                return 0
            fi
            cpra_java_note="$cpra_java_note, no $cpra_java_tool in ${cpra_home:-its folder}/bin"
        fi
        cpra_java_tried="$cpra_java_tried
  $cpra_candidate ($cpra_java_note)"
    done
    {
        if [ -n "$cpra_java_tool" ]; then
            echo "cpra needs a JDK $CPRA_JAVA_MIN or newer with $cpra_java_tool, and found none."
        else
            echo "cpra needs Java $CPRA_JAVA_MIN or newer, and found none."
        fi
        if [ -n "$cpra_java_tried" ]; then
            echo "Looked at:$cpra_java_tried"
        else
            echo "No java was found in JAVA_HOME, on PATH, or in: $CPRA_JAVA_DIRS"
        fi
        echo "Install a JDK $CPRA_JAVA_MIN+ (for example Temurin from https://adoptium.net/temurin/releases/)"
        echo "and set JAVA_HOME to its folder."
    } >&2
    return 1
}
