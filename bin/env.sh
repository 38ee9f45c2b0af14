# Sourced by bin/tgdl and bin/test: finds a JDK 25+, and builds the jar when it is missing or stale.
# Not executable on its own.

TGDL_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TGDL_JAR="$TGDL_HOME/target/tgdl.jar"

# java_major JAVA_HOME_DIR: prints the feature version of that JDK, or nothing. Reads the JDK's
# release file when it has one (starting a JVM per candidate would cost a second at every launch).
java_major() {
  local v=""
  if [[ -f "$1/release" ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1)
  fi
  if [[ -z "$v" ]]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$v"
}

# find_java: sets JAVA_HOME to a JDK >= 25 (javac included, the build needs it), or fails with one line.
# Order: JAVA_HOME, java on PATH, JDKs under /usr/lib/jvm, the macOS JavaVirtualMachines folder.
find_java() {
  local candidates=() c v
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v java)") && candidates+=("${c%/bin/java}")
  fi
  for c in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d "$c" ]] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [[ -x "$c/bin/java" && -x "$c/bin/javac" ]] || continue
    v=$(java_major "$c")
    if [[ -n "$v" && "$v" -ge 25 ]]; then
      export JAVA_HOME="$c"
      return 0
    fi
  done
  echo "tgdl: no Java 25 found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /Library/Java/JavaVirtualMachines); install a JDK 25 and set JAVA_HOME" >&2
  return 1
}

# jar_is_stale: true when target/tgdl.jar is missing or older than any source or the pom
jar_is_stale() {
  [[ -f "$TGDL_JAR" ]] || return 0
  [[ -n "$(find "$TGDL_HOME/pom.xml" "$TGDL_HOME/src/main" -newer "$TGDL_JAR" -print -quit 2>/dev/null)" ]]
}

build_jar() {
  command -v mvn >/dev/null 2>&1 || { echo "tgdl: Maven (mvn) is needed to build tgdl" >&2; return 1; }
  mkdir -p "$TGDL_HOME/target"
  # Two launches that both find the jar stale (cron and a terminal, say) must not run two Maven
  # builds into one target/: the second waits for the first, then finds the jar fresh. flock(1) is
  # util-linux; where it is missing, builds are not serialised.
  (
    if command -v flock >/dev/null 2>&1; then
      flock 9
      jar_is_stale || exit 0
    fi
    echo "tgdl: building target/tgdl.jar ..." >&2
    local log="$TGDL_HOME/target/build.log"
    if ! (cd "$TGDL_HOME" && mvn -B -q -DskipTests package >"$log" 2>&1); then
      tail -n 30 "$log" >&2
      echo "tgdl: the build failed; the full log is $log" >&2
      exit 1
    fi
    train_aot_cache
  ) 9>"$TGDL_HOME/target/.build.lock"
}

# JDK 25's AOT cache (JEP 483/514) halves start-up: one training run records the classes a
# command loads and links. Best effort: without a cache tgdl only starts slower.
TGDL_AOT="$TGDL_HOME/target/tgdl.aot"
train_aot_cache() {
  # written under a temporary name and renamed: concurrent launches never see half a cache
  local tmp="$TGDL_AOT.$$"
  (cd "$TGDL_HOME/target" && XDG_DATA_HOME="$TGDL_HOME/target/aot-training" XDG_CONFIG_HOME="$TGDL_HOME/target/aot-training" \
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput="$tmp" \
    -Xlog:aot=off -Xlog:cds=off -Dtgdl.home="$TGDL_HOME" -jar "$TGDL_JAR" --version >/dev/null 2>&1) \
    && mv -f "$tmp" "$TGDL_AOT"
  rm -f "$tmp" "$tmp.config"
}

# java options that use the AOT cache when it belongs to the current jar
aot_options() {
  if [[ -f "$TGDL_AOT" && "$TGDL_AOT" -nt "$TGDL_JAR" ]]; then
    echo "-XX:AOTCache=$TGDL_AOT -Xlog:aot=off -Xlog:cds=off"
  fi
}

# ensure_native: fetches the pinned libtdjson unless the user points at their own. An installed
# library was checksummed when fetch-tdjson.sh installed it (atomically), so presence is enough here.
ensure_native() {
  [[ -n "${TGDL_TDJSON:-}" ]] && return 0
  compgen -G "$TGDL_HOME/native/*/libtdjson.*" >/dev/null && return 0
  "$TGDL_HOME/native/fetch-tdjson.sh"
}
