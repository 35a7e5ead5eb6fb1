#!/bin/sh
# Compiles the isolation forest's walk in C (forest_walk.c) into a shared library with the
# machine's gcc: build.sh OUTPUT JAVA_HOME. Without gcc (or without the JDK's JNI headers) it says
# so and succeeds: the product then walks its forests in Java (same results, slower). With both, a
# failed compile fails the build.
# Portable x86-64 code (no -march=native); exact IEEE arithmetic (no -ffast-math, no contraction
# into fused multiply-adds) so that the sums equal the Java walk's bit for bit.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
jdk="$2"
if ! command -v gcc >/dev/null 2>&1; then
  echo "[native] gcc not found: $out not built; the isolation forest walks in Java"
  rm -f "$out"
  exit 0
fi
if [ ! -f "$jdk/include/jni.h" ]; then
  echo "[native] $jdk has no include/jni.h (a runtime image?): $out not built; the isolation forest walks in Java"
  rm -f "$out"
  exit 0
fi
includes="-I$jdk/include"
for d in "$jdk"/include/*/; do
  [ -f "$d/jni_md.h" ] && includes="$includes -I$d"
done
mkdir -p "$(dirname "$out")"
# shellcheck disable=SC2086
gcc -O3 -std=c11 -fPIC -shared -ffp-contract=off -fno-fast-math -Wall -Wextra \
  $includes -o "$out.tmp" "$here/forest_walk.c"
mv "$out.tmp" "$out"
