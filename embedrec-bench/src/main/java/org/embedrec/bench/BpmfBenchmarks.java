package org.embedrec.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.embedrec.data.Dataset;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.family.Trainers;
import org.embedrec.io.MovieLens;
import org.embedrec.model.Recommender;
import org.embedrec.train.RecommenderTrainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole BPMF fit (issue 16's speed target: d = 32, 100 samples, at most 20 s on 2 threads) on the
 * training side of the random 90/10 split ({@code --split random:0.1}, seed 42) of a MovieLens
 * directory (system property {@code embedrec.data}, by default {@code ../shared/data/ml-latest-small}),
 * with the {@code bpmf} preset's other options, on one and two threads. Each iteration is one
 * {@code fit} after a warm-up fit, so JIT compilation is not counted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class BpmfBenchmarks {
    @Param({"32"})
    int dimensions;

    @Param({"100"})
    int samples;

    @Param({"1", "2"})
    int threads;

    private Split split;
    private Dataset data;
    private RecommenderTrainer<?> trainer;

    @Setup
    public void setUp() throws IOException {
        data = MovieLens.load(Path.of(System.getProperty("embedrec.data", "../shared/data/ml-latest-small")));
        split = Splits.randomHoldout(data.ratings(), 0.1, 42);
        trainer = Trainers.create("bpmf", Map.of("dimensions", dimensions, "samples", samples, "threads", threads));
    }

    @Benchmark
    public Recommender fit() {
        return trainer.fit(split.train(), data.catalog());
    }
}
