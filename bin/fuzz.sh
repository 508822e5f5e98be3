#!/usr/bin/env bash
# Fuzzes Keel's parsers of client and operator input with Jazzer (docs/architecture.md, Fuzzing): every
# @FuzzTest of the modules below runs for its maxDuration (10 to 15 s) with JAZZER_FUZZ=1, each test class in
# a JVM of its own (the pom's fuzz profile). A finding fails the run, and Jazzer writes the input that found it
# beside the committed ones (src/test/resources/<package>/<Test>Inputs/<method>/), where the normal build
# replays it from then on.
#
#   bin/fuzz.sh                                  what CI runs, after ./mvnw verify
#   bin/fuzz.sh -Dtest=GlobFuzzTest -Dsurefire.failIfNoSpecifiedTests=false      one target
#   JAZZER_MAX_DURATION=10m bin/fuzz.sh -Dkeel.fuzz.timeout="15 m"             longer (the timeout must exceed it)
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -ntp -Pfuzz test -pl keel-jsonrpc,keel-core,keel-config,keel-server -am "$@"
