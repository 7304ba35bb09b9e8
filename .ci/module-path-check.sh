#!/usr/bin/env bash
# The module path, as a user's build sees it (issue 10): after `mvn verify` has built the jars, compile and run
#  1. a Java module that `requires dev.asyncio4j` only: the runtime must arrive by service binding;
#  2. a Kotlin module that `requires dev.asyncio4j.kotlin` only, compiled by the OLDEST Kotlin compiler the README
#     promises (it must read the jars' Kotlin metadata);
#  3. a Java module that reaches for dev.asyncio4j.spi: it must not compile (internals are not exported to users).
# Usage: .ci/module-path-check.sh   (from anywhere; uses the JDK on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."

# The oldest Kotlin compiler that reads the jars (README "Use it in your project"): Kotlin reads metadata one
# minor version ahead, and the jars carry the build's (2.4).
KOTLIN_MIN=2.3.0

jar_of() { ls "$1"/target/*.jar | grep -v -E -- '-(sources|javadoc|tests)\.jar$' | head -1; }
deps_file=kotlin-bridge/target/runtime-dependencies.txt
[ -s "$deps_file" ] || { echo "module-path check: $deps_file missing: run mvn verify first" >&2; exit 1; }
mp="$(jar_of kotlin-bridge):$(cat "$deps_file")"
for m in java-api jdk-compat; do
  case ":$mp:" in *":$PWD/$(jar_of $m):"*|*":$(jar_of $m):"*) ;; *) mp="$mp:$(jar_of $m)";; esac
done

work=target/module-path-check
rm -rf "$work" && mkdir -p "$work"
expected="hello world (loop from module dev.asyncio4j.kotlin)"
src=.ci/module-path-consumer

expect_output() {  # name, actual
  if [ "$2" != "$expected" ]; then
    echo "module-path check FAILED ($1): expected '$expected', got:" >&2; echo "$2" >&2; exit 1
  fi
  echo "module-path check: $1 OK ($2)"
}

# 1. Java: requires dev.asyncio4j
javac -Xlint:all -Werror --release 17 --module-path "$mp" -d "$work/java" \
  $(find "$src/java" -name '*.java')
out=$(java --module-path "$mp:$work/java" -m dev.asyncio4j.consumer/dev.asyncio4j.consumer.Main)
expect_output "Java module requiring dev.asyncio4j" "$out"

# 2. Kotlin: requires dev.asyncio4j.kotlin, compiled by Kotlin $KOTLIN_MIN (kotlinc reads module-info.java)
mvn -B -ntp -q -f .ci/kotlinc/pom.xml dependency:build-classpath -Dkotlin.version="$KOTLIN_MIN" \
  -Dmdep.outputFile="$PWD/$work/kotlinc.classpath" >/dev/null
kt_src="$src/kotlin/dev.asyncio4j.kotlinconsumer"
# (the properties keep the compiler quiet on JDK 24+: its own sun.misc.Unsafe use, and no native console library)
java -Dsun.misc.unsafe.memory.access=allow -Dkotlin.colors.enabled=false -cp "$(cat "$work/kotlinc.classpath")" org.jetbrains.kotlin.cli.jvm.K2JVMCompiler \
  -no-stdlib -no-reflect -jvm-target 17 -Xjdk-release=17 -Werror -Xmodule-path="$mp" -d "$work/kotlin" \
  "$kt_src/module-info.java" $(find "$kt_src" -name '*.kt')
javac -Xlint:all -Werror --release 17 --module-path "$mp" \
  --patch-module dev.asyncio4j.kotlinconsumer="$work/kotlin" -d "$work/kotlin" "$kt_src/module-info.java"
out=$(java --module-path "$mp:$work/kotlin" -m dev.asyncio4j.kotlinconsumer/dev.asyncio4j.kotlinconsumer.MainKt)
expect_output "Kotlin module requiring dev.asyncio4j.kotlin, compiled by Kotlin $KOTLIN_MIN" "$out"

# 3. Internals stay internal: a user module naming dev.asyncio4j.spi must not compile.
bad="$work/forbidden/src"
mkdir -p "$bad/dev/asyncio4j/sneaky"
printf 'module dev.asyncio4j.sneaky { requires dev.asyncio4j.kotlin; }\n' > "$bad/module-info.java"
printf 'package dev.asyncio4j.sneaky;\npublic class Sneaky { dev.asyncio4j.spi.AsyncioRuntime r; }\n' \
  > "$bad/dev/asyncio4j/sneaky/Sneaky.java"
if javac --release 17 --module-path "$mp" -d "$work/forbidden/out" $(find "$bad" -name '*.java') \
    > "$work/forbidden/javac.log" 2>&1; then
  echo "module-path check FAILED: a user module could compile against dev.asyncio4j.spi" >&2; exit 1
fi
grep -q "is not visible" "$work/forbidden/javac.log" || { cat "$work/forbidden/javac.log" >&2; exit 1; }
echo "module-path check: dev.asyncio4j.spi is not visible to user modules OK"
