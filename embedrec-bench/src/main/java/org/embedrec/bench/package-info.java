/**
 * JMH micro-benchmarks of embedrec's kernels: {@link org.embedrec.bench.KernelBenchmarks} (dot, axpy,
 * the fused SGD update, SGD and Adam row steps) and {@link org.embedrec.bench.TopNBenchmarks} (top-N
 * over 60,000 scores), {@link org.embedrec.bench.AllUsersTopNBenchmarks} (top-N for all users at ML-25M
 * size by blocked batch scoring). Build with {@code mvn -B -pl embedrec-bench -am package -DskipTests} and run
 * {@code java -jar embedrec-bench/target/benchmarks.jar}; the end-to-end benchmark is the
 * {@code embedrec bench} command. See docs/BENCHMARKS.md.
 */
package org.embedrec.bench;
