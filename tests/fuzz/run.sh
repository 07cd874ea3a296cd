#!/usr/bin/env bash
# Usage: tests/fuzz/run.sh [SECONDS_PER_TARGET [BUILD_DIR]]   (defaults: 20, build/fuzz)
#
# Builds the libFuzzer targets in tests/fuzz with clang++ into BUILD_DIR, then runs each
# one for SECONDS_PER_TARGET on a scratch copy of its seed corpus (the checked-in corpus is
# never written to). Exits 1 if clang, the fuzzer runtime or the build is missing, or if
# any target crashes, leaks, times out or runs out of memory; the input that did it is
# kept under BUILD_DIR/artifacts/. ctest runs this as the fuzz_smoke test.
set -uo pipefail

seconds=${1:-20}
case $seconds in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS_PER_TARGET]" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${2:-$root/build/fuzz}

targets=(config_loader command_parser chat_message slack_request socket_envelope teams_activity teams_jwt)

die() {
  echo "fuzz: FAILED: $*" >&2
  exit 1
}

# libFuzzer ships with clang, not g++; Debian's runtime is in libclang-rt-14-dev.
cxx=""
for candidate in clang++-14 clang++; do
  if command -v "$candidate" >/dev/null 2>&1; then cxx=$(command -v "$candidate"); break; fi
done
[ -n "$cxx" ] || die "clang++ not found; install the Debian packages clang-14 and libclang-rt-14-dev (scripts/bootstrap does)"
command -v cmake >/dev/null 2>&1 || die "cmake not found (scripts/bootstrap installs it)"
command -v ninja >/dev/null 2>&1 || die "ninja not found (scripts/bootstrap installs ninja-build)"

mkdir -p "$build" || die "cannot create $build"
build=$(cd "$build" && pwd)
probe=$build/probe
printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
  'extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }' >"$probe.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe.cpp" -o "$probe" >"$probe.log" 2>&1; then
  sed 's/^/  /' "$probe.log" >&2
  die "$cxx cannot link -fsanitize=fuzzer; install the libFuzzer runtime: apt-get install libclang-rt-14-dev"
fi

start=$(date +%s)
echo "fuzz: building with $cxx into $build"
if ! cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" >"$build/configure.log" 2>&1; then
  cat "$build/configure.log" >&2
  die "configuring tests/fuzz failed"
fi
if ! cmake --build "$build" -j 2 >"$build/build.log" 2>&1; then
  tail -n 60 "$build/build.log" >&2
  die "building the fuzz targets failed (full log: $build/build.log)"
fi
echo "fuzz: built in $(($(date +%s) - start)) s; running each target for $seconds s"

# Crashes abort at once with a stack trace; LeakSanitizer is on (libFuzzer's default).
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

final_stat() {  # final_stat NAME LOG: a value from libFuzzer's -print_final_stats output
  sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

failed=()
rm -rf "$build/artifacts"
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t
  log=$build/logs/$t.log
  rm -rf "$corpus"
  mkdir -p "$corpus" "$build/logs" "$build/artifacts"
  cp "$here/corpus/$t/"* "$corpus/"
  seeds=$(ls "$corpus" | wc -l)
  dict=()
  [ -f "$here/$t.dict" ] && dict=(-dict="$here/$t.dict")

  "$build/$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "${dict[@]}" \
    "$corpus" >"$log" 2>&1
  rc=$?

  execs=$(final_stat number_of_executed_units "$log")
  rate=$(final_stat average_exec_per_sec "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  units=$(ls "$corpus" | wc -l)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz: $t: ok, ${execs:-?} execs (${rate:-?}/s), coverage ${cov:-?}, corpus $seeds -> $units inputs"
  else
    failed+=("$t")
    echo "fuzz: $t: FAILED (exit $rc) after ${execs:-?} execs; log: $log"
    grep -A 40 -m 1 -E '==[0-9]+==ERROR|runtime error:|fuzzer: ' "$log" | sed 's/^/  | /'
    grep -h 'Test unit written to' "$log" | sed 's/^/  /'
  fi
done

echo "fuzz: ${#targets[@]} targets, $((${#targets[@]} - ${#failed[@]})) passed, ${#failed[@]} failed, $(($(date +%s) - start)) s in all"
[ ${#failed[@]} -eq 0 ] || die "${failed[*]}"
