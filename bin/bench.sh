#!/usr/bin/env bash
# Keel's benchmarks, all of them, with one command (docs/benchmarks.md):
#   bin/bench.sh            JMH with the GC profiler, then every load scenario; prints Markdown
#   bin/bench.sh --smoke    each benchmark once, briefly (what CI runs so that none of them rots)
#   bin/bench.sh soak       only the soak: 1,000,000 HTTP calls per era, the server's heap, threads and
#                           open files sampled every 50,000 (several minutes); --soak-calls N --soak-every N
# Extra arguments go to the load generator (dev.keel.bench.Bench), e.g. --rounds 5 --only http,wrk.
# wrk is used when installed (Debian: apt-get install wrk); the load runs on core 0, servers on core 1.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/find-java.sh
keel_find_java
java="$KEEL_JAVA_HOME/bin/java"

mode=all
if [ "${1-}" = "soak" ]; then
  mode=soak
  shift
fi
smoke=false
args=()
for a in "$@"; do
  if [ "$a" = "--smoke" ]; then smoke=true; fi
  args+=("$a")
done

rm -rf keel-bench/target/lib  # copied dependencies of an earlier build would stay on the class path
./mvnw -q -B -ntp -DskipTests install -pl keel-bench -am >&2
cp="keel-bench/target/classes:$(ls keel-bench/target/lib/*.jar | tr '\n' ':')"

echo "# Keel benchmarks: $(date -u +%Y-%m-%d) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB;" \
     "$("$java" -version 2>&1 | head -1)"
echo
if [ "$mode" = soak ]; then
  exec "$java" -Dkeel.root="$PWD" -cp "$cp" dev.keel.bench.Bench --only soak "${args[@]+"${args[@]}"}"
fi
if $smoke; then
  jmh=(-wi 0 -i 1 -r 200ms -f 1 -foe true)
else
  jmh=(-wi 3 -w 1s -i 5 -r 1s -f 1 -foe true)
fi
echo "## JMH (average time per operation; gc.alloc.rate.norm = bytes allocated per operation)"
echo
echo '```'
"$java" -cp "$cp" org.openjdk.jmh.Main "${jmh[@]}" -prof gc -rf text -rff /tmp/keel-jmh.txt >&2
grep -E '^Benchmark|gc\.alloc\.rate\.norm|^[A-Za-z]+Benchmark\.[A-Za-z]+ ' /tmp/keel-jmh.txt || cat /tmp/keel-jmh.txt
echo '```'
echo
./mvnw -q -B -ntp -DskipTests package -pl keel-server -am >&2  # the jar ./keel runs, for the start-up figures
"$java" -Dkeel.root="$PWD" -cp "$cp" dev.keel.bench.Bench "${args[@]+"${args[@]}"}"
