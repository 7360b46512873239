package org.embedrec.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;
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

/** Top-N selection over the scores of every item of an ML-25M-sized catalog (about 60,000 items). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopNBenchmarks {
    @Param({"60000"})
    int items;

    @Param({"10", "100"})
    int n;

    private float[] scores;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        scores = new float[items];
        for (int item = 0; item < items; item++) {
            scores[item] = (float) random.nextGaussian();
        }
    }

    @Benchmark
    public List<ScoredItem> topN() {
        return TopN.select(scores, n, item -> false);
    }
}
