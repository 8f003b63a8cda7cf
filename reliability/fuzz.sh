#!/usr/bin/env bash
# Coverage-guided fuzzing of the configuration readers (Jazzer, ConfigReaderFuzzTest in
# monitor-config): each fuzz test runs for its @FuzzTest maxDuration (5 minutes) or until it finds
# an input that breaks the property (an exception other than a diagnosed ConfigException, a stack
# overflow, a hang). Starts from the seeds and the reader's zc.buildout corpus; keeps what it
# learns in monitor-config/.cifuzz-corpus/ for the next run. Exits 1 on a finding: Jazzer writes
# its input as crash-SHA1 among the seeds,
# monitor-config/src/test/resources/slapmon/config/fuzz/ConfigReaderFuzzTestInputs/METHOD/, so
# that `mvn test` replays it from then on: fix the reader, give the file a name that says what
# it holds, and commit it with a test of the diagnostic.
#
# usage: reliability/fuzz.sh [METHOD...]     (default: buildoutProfile literalMonitorConf)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
module="$root/monitor-config"
corpus="$module/.cifuzz-corpus/slapmon.config.fuzz.ConfigReaderFuzzTest"
methods=("$@")
[ ${#methods[@]} -gt 0 ] || methods=(buildoutProfile literalMonitorConf)

mkdir -p "$corpus/buildoutProfile"
cp "$module"/src/test/resources/buildout/corpus/*.cfg "$corpus/buildoutProfile/"
findings() {
  find "$module" "$module/src/test/resources/slapmon/config/fuzz" -maxdepth 3 \
    \( -name 'crash-*' -o -name 'timeout-*' -o -name 'slow-unit-*' \) 2>/dev/null | sort
}

status=0
for method in "${methods[@]}"; do
  before=$(findings | wc -l)
  echo "fuzz: $method" >&2
  # One fuzz test per JVM: Jazzer fuzzes a single test per run.
  if ! (cd "$root" && JAZZER_FUZZ=1 mvn -o -B -q -pl monitor-config test \
      -Dtest="ConfigReaderFuzzTest#$method" -Dsurefire.failIfNoSpecifiedTests=false); then
    status=1
  fi
  after=$(findings | wc -l)
  [ "$after" -eq "$before" ] || status=1
  echo "fuzz: $method: corpus of $(find "$corpus/$method" -type f | wc -l) inputs" >&2
done
findings | sed 's/^/fuzz: finding /' >&2
[ "$status" -eq 0 ] && echo "fuzz: PASS, no finding" >&2 || echo "fuzz: FAIL" >&2
exit "$status"
