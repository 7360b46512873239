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
 * One whole SVD++ fit with the {@code svdpp} preset's options and 20 epochs (issue 16's speed target:
 * under 5 s on one thread) on the training side of the random 90/10 split ({@code --split random:0.1},
 * seed 42) of a MovieLens directory (system property {@code embedrec.data}, by default
 * {@code ../shared/data/ml-latest-small}), on one and two threads, without validation data. Each
 * iteration is one {@code fit} after warm-up fits, so JIT compilation is not counted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 6)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class SvdppBenchmarks {
    @Param({"1", "2"})
    int threads;

    @Param({"64"})
    int dimensions;

    private Split split;
    private Dataset data;
    private RecommenderTrainer<?> trainer;

    @Setup
    public void setUp() throws IOException {
        data = MovieLens.load(Path.of(System.getProperty("embedrec.data", "../shared/data/ml-latest-small")));
        split = Splits.randomHoldout(data.ratings(), 0.1, 42);
        trainer = Trainers.create("svdpp", Map.of("dimensions", dimensions, "epochs", 20, "threads", threads,
                "patience", 0));
    }

    @Benchmark
    public Recommender fit() {
        return trainer.fit(split.train(), data.catalog());
    }
}
