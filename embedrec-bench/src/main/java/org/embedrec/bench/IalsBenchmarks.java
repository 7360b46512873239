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
 * One whole iALS fit (issue 15's speed target: d = 64, 15 sweeps, under 1 s on 2 threads) on the
 * training side of the per-user 80/20 split ({@code --split user:0.2}, seed 42) of a MovieLens
 * directory (system property {@code embedrec.data}, by default {@code ../shared/data/ml-latest-small}),
 * for both solvers and one and two threads. Each iteration is one {@code fit} after warm-up fits, so
 * JIT compilation is not counted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 6)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class IalsBenchmarks {
    @Param({"CG", "EXACT"})
    String solver;

    @Param({"1", "2"})
    int threads;

    private Split split;
    private Dataset data;
    private RecommenderTrainer<?> trainer;

    @Setup
    public void setUp() throws IOException {
        data = MovieLens.load(Path.of(System.getProperty("embedrec.data", "../shared/data/ml-latest-small")));
        split = Splits.perUserHoldout(data.ratings(), 0.2, 42);
        trainer = Trainers.create("ials", Map.of("dimensions", 64, "epochs", 15, "solver", solver, "threads", threads));
    }

    @Benchmark
    public Recommender fit() {
        return trainer.fit(split.train(), data.catalog());
    }
}
