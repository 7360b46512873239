package org.embedrec.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.embedrec.data.Dataset;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.io.MovieLens;
import org.embedrec.model.Recommender;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.family.Trainers;
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
 * One whole training run, 10 epochs with the model's defaults, on the 80% side of a seeded random
 * 80/20 split of a MovieLens directory (system property {@code embedrec.data}, by default
 * {@code ../shared/data/ml-latest-small}), on one and on two training threads. Each iteration is one
 * {@code fit} after warm-up fits, so the JIT's compilation, which a single command-line run pays on
 * its first epochs, is not counted; nor is any validation. Ratio of the two thread counts = the
 * multi-threaded speed-up of training (docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TrainingBenchmarks {
    @Param({"mf", "dot", "deep", "hybrid", "classifier"})
    String model;

    @Param({"1", "2"})
    int threads;

    private Split split;
    private Dataset data;
    private RecommenderTrainer<?> trainer;

    @Setup
    public void setUp() throws IOException {
        data = MovieLens.load(Path.of(System.getProperty("embedrec.data", "../shared/data/ml-latest-small")));
        split = Splits.randomHoldout(data.ratings(), 0.2, 42);
        trainer = Trainers.create(model, Map.of("epochs", 10, "threads", threads));
    }

    @Benchmark
    public Recommender fit() {
        return trainer.fit(split.train(), data.catalog());
    }
}
