package org.embedrec.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.embedrec.data.Dataset;
import org.embedrec.data.Split;
import org.embedrec.data.SplitSpec;
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
 * One fit of a closed-form model (EASE, item-kNN) with its defaults on the training side of the
 * {@code user:0.2} split (split seed 42) of a MovieLens directory (system property
 * {@code embedrec.data}, by default {@code ../shared/data/ml-latest-small}): the split
 * {@code compare --split user:0.2} uses. Each iteration is one {@code fit} after warm-up fits, so JIT
 * compilation is not counted (docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ClosedFormBenchmarks {
    @Param({"ease", "item-knn"})
    String model;

    @Param({"1", "2"})
    int threads;

    private Split split;
    private Dataset data;
    private RecommenderTrainer<?> trainer;

    @Setup
    public void setUp() throws IOException {
        Path dir = Path.of(System.getProperty("embedrec.data", "../shared/data/ml-latest-small"));
        data = MovieLens.load(dir);
        split = MovieLens.split(dir, SplitSpec.parse("user:0.2"), data.ratings(), 42);
        trainer = Trainers.create(model, Map.of("threads", threads));
    }

    @Benchmark
    public Recommender fit() {
        return trainer.fit(split.train(), data.catalog());
    }
}
