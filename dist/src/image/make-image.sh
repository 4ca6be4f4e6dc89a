#!/usr/bin/env bash
# Makes the self-contained Linux x64 image: the release archive's folder (unpacked by the build
# into target/) plus runtime/, a Java runtime cut by jlink to the modules drvguard needs, plus the
# start-up cache of that runtime made by a training run over the bundled examples:
#   JDK 25 or newer found (scripts/aot-java.sh): an AOT cache, lib/drvguard.aot (JEP 483/514);
#   else the JDK running the build: a dynamic CDS archive, lib/drvguard.jsa.
#   DRVGUARD_IMAGE_JDK  the JDK to cut the runtime from (its version decides the cache kind)
# bin/drvguard prefers runtime/ and the cache when present. Then packs it as
# target/<name>-linux-x64.tar.gz. Not on Linux x64: says so and exits 0 (the image is per-platform).
#   $1 target dir, $2 release name (drvguard-VERSION), $3 repository root
set -euo pipefail
target="$1" name="$2" root="$3"
if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  echo "make-image: the self-contained image is built on Linux x64 only; skipped" >&2
  exit 0
fi
# shellcheck source=../../../scripts/aot-java.sh
. "$root/scripts/aot-java.sh"
if [ -n "${DRVGUARD_IMAGE_JDK:-}" ]; then
  jdk="$DRVGUARD_IMAGE_JDK"
  v="$(java_feature "$jdk/bin/java")"
  if [ -n "$v" ] && [ "$v" -ge 25 ]; then cache=aot; else cache=cds; fi
elif java25="$(aot_java)"; then
  jdk="$(cd "$(dirname "$java25")/.." && pwd -P)"
  cache=aot
else
  jdk="$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd -P)"
  [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jlink" ] && jdk="$JAVA_HOME"
  cache=cds
fi
[ -x "$jdk/bin/jlink" ] || { echo "make-image: no jlink in $jdk" >&2; exit 1; }

unpacked="$target/$name/$name"     # the release archive as a folder (assembly format "dir")
[ -d "$unpacked/lib" ] || { echo "make-image: $unpacked is missing; the assembly makes it first" >&2; exit 1; }
stage="$target/image"
image="$stage/$name-linux-x64"
rm -rf "$stage"
mkdir -p "$stage"
cp -a "$unpacked" "$image"
# a Linux image: the Windows launchers would only mislead
rm -f "$image/bin/drvguard.cmd" "$image/bin/drvguard.ps1"

# java.se rather than a jdeps-computed list: Drools and XStream reach JDK classes by reflection,
# which jdeps cannot see; jdk.unsupported for sun.misc.Unsafe (Drools, progressbar's jline),
# jdk.zipfs for reading jars as file systems, jdk.charsets for INF files in legacy code pages.
# (a dynamic CDS archive extends the runtime's base archive, which jlink makes only when asked)
base_cds=()
[ "$cache" = cds ] && base_cds=(--generate-cds-archive)
"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.zipfs,jdk.charsets "${base_cds[@]}" \
  --strip-debug --no-man-pages --no-header-files --output "$image/runtime"

java="$image/runtime/bin/java"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# the training run: what a cold start does (read packages, build the rule base, check); exit 1 is
# the examples' findings. Flags as bin/drvguard runs the cache (a cache is used only with them);
# bin/drvguard's -XX:TieredStopAtLevel=1 is not among those it depends on, and training with both
# compilers keeps the method profiles in the cache for a user who asks for the optimising one.
if [ "$cache" = aot ]; then
  flags=($AOT_JAVA_FLAGS -XX:AOTCacheOutput="$image/lib/drvguard.aot" -Xlog:aot=off -Xlog:cds=off)
else
  flags=(-XX:+UseSerialGC -XX:-UsePerfData -XX:ArchiveClassesAtExit="$image/lib/drvguard.jsa" -Xlog:cds=off)
fi
set +e
(cd "$work" && "$java" "${flags[@]}" -Ddrvguard.home="$image" -Ddrvguard.cache.dir=off -jar "$image/lib/drvguard.jar" \
    check "$image/examples" --format json --output "$work/check.json" >/dev/null 2>"$work/train.err")
status=$?
set -e
if [ "$status" -gt 1 ]; then
  echo "make-image: the training run failed (exit $status)" >&2
  sed -n 1,20p "$work/train.err" >&2
  exit 1
fi
echo "$cache cache made by $("$java" -version 2>&1 | head -n 1)" > "$image/lib/runtime.txt"

# sorted and owned by root; the files keep their times, since the JVM uses the cache only with the
# jars' modification times it recorded (tar restores them on unpacking)
(cd "$stage" && tar --sort=name --owner=0 --group=0 --numeric-owner \
    -czf "$target/$name-linux-x64.tar.gz" "$name-linux-x64")
echo "make-image: wrote $target/$name-linux-x64.tar.gz ($cache cache, runtime from $jdk)" >&2
