#!/usr/bin/env bash
# iALS at ML-25M size beside Spark's implicit ALS in local[2], on the same generated data
# (docs/BENCHMARKS.md, "iALS at ML-25M size"): d = 64, 10 sweeps, 2 threads, every rating a positive
# for both (Spark's implicit mode treats every rating > 0 as a preference), 90% of the ratings trained on.
#
#   docs/scripts/ials_vs_spark_als.sh OUT [DIVISOR]
#
# DIVISOR 1 (default) is ML-25M's size (162,000 users, 59,000 items, 25,000,000 ratings); 20 is a
# twentieth of it in every dimension, to check the commands. Needs no Spark distribution: Spark runs
# from the Maven build's jars, in local[2] inside one JVM. Builds first (no install):
#   mvn -q -B -Pspark -pl embedrec-cli,embedrec-spark -am package -DskipTests
# Run it on an idle machine: it takes both cores, and at full size about 10 GB of memory.
set -euo pipefail
out=${1:?usage: ials_vs_spark_als.sh OUT [DIVISOR]}
divisor=${2:-1}
here=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
log=$out/benchmark.log
users=$((162000 / divisor)) items=$((59000 / divisor)) ratings=$((25000000 / divisor))
data=$out/data-$users-$items-$ratings
say() { echo "$*" | tee -a "$log"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

[ -f "$data/ratings.csv" ] || "$here/bin/embedrec" generate -o "$data" --users "$users" --items "$items" --ratings "$ratings" | tee -a "$log"

say "== core iALS: d 64, 10 sweeps, CG 3 steps, 2 threads; load before $(load)"
EMBEDREC_JAVA_OPTS="${EMBEDREC_JAVA_OPTS:--Xmx12g --add-modules jdk.incubator.vector}" \
  "$here/bin/embedrec" bench -d "$data" --config ials --dimensions 64 --epochs 10 --threads 2 \
  --set positiveThreshold=all --test-fraction 0.1 --split-seed 42 --recommend-users 0 --json "$out/ials.json" 2>&1 \
  | grep -v '^WARNING: Using incubator' | tee -a "$log"
say "load after $(load)"

classpath=$out/spark-classpath.txt
if [ ! -s "$classpath" ]; then
  # in the same reactor build as the package, so embedrec-core resolves without an install
  (cd "$here" && mvn -q -B -Pspark -pl embedrec-spark -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$classpath" -Dmdep.includeScope=test)
fi
# Spark 4.1's JVM flags for Java 17 (docs/SPARK.md)
opens="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
say "== Spark $(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$here/pom.xml") implicit ALS: rank 64, 10 iterations, alpha 1, regParam 0.1, local[2]; load before $(load)"
start=$(date +%s.%N)
# shellcheck disable=SC2086
java -Xmx12g $opens -Dspark.master='local[2]' -Dspark.driver.host=127.0.0.1 -Dspark.ui.enabled=false \
  -Dspark.sql.shuffle.partitions=4 \
  -cp "$here/embedrec-spark/target/embedrec-spark.jar:$(cat "$classpath")" org.embedrec.spark.jobs.SparkJobs \
  train-als --data "$data" --split random:0.1 --split-seed 42 --implicit --alpha 1 --l2 0.1 \
  --dimensions 64 --epochs 10 --out "$out/spark-ials.safetensors" 2>&1 | grep -v ' WARN \| INFO ' | tee -a "$log"
say "Spark job wall time (JVM start to exit): $(echo "$(date +%s.%N) - $start" | bc) s; load after $(load)"
say "core's bench printed its fit as 'train' above; Spark's as 'ALS fit'"
