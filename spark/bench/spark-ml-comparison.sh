#!/usr/bin/env bash
# entdist's distributed fit against Spark ML's LogisticRegression (rows replicated once per
# label, weightCol = target mass x row weight) at equal objective: SparkMlComparison, a main
# class among the spark module's test sources. docs/spark.md has the figures.
#
#   spark/bench/spark-ml-comparison.sh DATASET [--master 'local[2]'] [--partitions 2]
#       [--lambda 1e-3] [--ml-max-iter 100] [--ml-tol 1e-6] [--max-iter 300] [--tol 1e-6]
#
# DATASET: a peer-format directory (e.g. the peers' harness's small set, or
# `./entdist features export --corpus bundled --out DIR`). Builds the module (with Spark ML,
# test scope) when its test classes are missing; run it on an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="$root/spark/target"
if [ ! -f "$target/test-classes/dev/entdist/spark/SparkMlComparison.class" ] \
    || [ ! -f "$target/test-classpath.txt" ]; then
  (cd "$root" && ./mvnw -B -q -Pspark -DskipTests -pl spark -am package) >&2
fi
flags=(-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
    sun.security.action sun.util.calendar; do
  flags+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
cp="$target/test-classes:$target/classes:$(cat "$target/test-classpath.txt")"
exec java "${flags[@]}" ${ENTDIST_SPARK_JAVA_OPTS:--Xmx4g} -cp "$cp" \
  dev.entdist.spark.SparkMlComparison "$@"
