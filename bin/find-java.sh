# shellcheck shell=sh
# Finds a JDK 21 or newer, for ./keel and ./mvnw. POSIX sh; meant to be sourced.
#
#   keel_find_java    sets KEEL_JAVA_HOME (and returns 0), or prints one sentence and returns 1
#
# Order: $JAVA_HOME, the `java` on PATH, then the JDKs installed in the usual places (newest first).

keel_java_major() {
  # prints the major version of the JDK at $1, or nothing
  _home=$1
  if [ -r "$_home/release" ]; then
    _v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$_home/release" 2>/dev/null | head -n 1)
  else
    _v=$("$_home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$_v" in
    1.*) _v=${_v#1.} ;;
  esac
  _v=${_v%%[!0-9]*}
  [ -n "$_v" ] && printf '%s\n' "$_v"
}

keel_is_jdk21() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _m=$(keel_java_major "$1")
  [ -n "$_m" ] && [ "$_m" -ge 21 ]
}

keel_find_java() {
  if [ -n "${JAVA_HOME-}" ] && keel_is_jdk21 "$JAVA_HOME"; then
    KEEL_JAVA_HOME=$JAVA_HOME
    return 0
  fi
  _java=$(command -v java 2>/dev/null || true)
  if [ -n "$_java" ]; then
    _real=$(readlink -f "$_java" 2>/dev/null || printf '%s' "$_java")
    _home=$(dirname "$(dirname "$_real")")
    if keel_is_jdk21 "$_home"; then
      KEEL_JAVA_HOME=$_home
      return 0
    fi
  fi
  _best=
  _best_major=0
  _noglob=
  case $- in *f*) _noglob=1 ;; esac
  set +f
  for _home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/jdk/* \
      "${HOME-}"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$_home" ] || continue
    keel_is_jdk21 "$_home" || continue
    _m=$(keel_java_major "$_home")
    if [ "$_m" -gt "$_best_major" ]; then
      _best=$_home
      _best_major=$_m
    fi
  done
  [ -z "$_noglob" ] || set -f
  if [ -n "$_best" ]; then
    KEEL_JAVA_HOME=$_best
    return 0
  fi
  echo "keel: no JDK 21 or newer found in JAVA_HOME, on PATH or under /usr/lib/jvm; install one (e.g. 'apt install openjdk-21-jdk') or set JAVA_HOME to it." >&2
  return 1
}
