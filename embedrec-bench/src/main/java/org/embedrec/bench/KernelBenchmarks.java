package org.embedrec.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.embedrec.model.Vectors;
import org.embedrec.train.FactorKernels;
import org.embedrec.train.Optimizer;
import org.embedrec.train.RowUpdater;
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
 * The per-rating kernels of factor-model training on rows of a table that fits in L1/L2 cache, so
 * the figures are compute bounds (the end-to-end {@code embedrec bench} adds memory traffic). Each
 * call works on the next pair of rows of a 1,024-row table. Forks run with the Vector API module, so
 * {@link FactorKernels} picks its SIMD implementation; add
 * {@code -jvmArgsAppend -Dembedrec.kernels=scalar} to measure the portable one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class KernelBenchmarks {
    private static final int ROWS = 1024;

    @Param({"32", "64", "128"})
    int dim;

    private float[] users;
    private float[] items;
    private float[] gradient;
    private RowUpdater sgd;
    private RowUpdater adam;
    private int next;
    private long step;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        users = new float[ROWS * dim];
        items = new float[ROWS * dim];
        gradient = new float[dim];
        for (int k = 0; k < users.length; k++) {
            users[k] = (float) (random.nextGaussian() * 0.05);
            items[k] = (float) (random.nextGaussian() * 0.05);
        }
        for (int k = 0; k < dim; k++) {
            gradient[k] = (float) (random.nextGaussian() * 0.01);
        }
        sgd = Optimizer.SGD.newUpdater(users, dim);
        adam = Optimizer.ADAM.newUpdater(items, dim);
    }

    private int nextRow() {
        next = (next + 97) & (ROWS - 1);
        return next * dim;
    }

    /** The dot product of the training kernels. */
    @Benchmark
    public float dot() {
        int row = nextRow();
        return FactorKernels.dot(users, row, items, row, dim);
    }

    /** The model package's scoring dot product (four scalar accumulators), for comparison. */
    @Benchmark
    public float dotModelVectors() {
        int row = nextRow();
        return Vectors.dot(users, row, items, row, dim);
    }

    @Benchmark
    public float[] axpy() {
        int row = nextRow();
        FactorKernels.axpy(1e-6f, items, row, users, row, dim);
        return users;
    }

    /** One fused biased-MF SGD update: dot, error, and the pair update of both rows. */
    @Benchmark
    public float fusedSgdUpdate() {
        int row = nextRow();
        float error = FactorKernels.dot(users, row, items, row, dim) - 0.5f;
        FactorKernels.sgdPair(users, row, items, row, dim, 1e-4f * error, 0.9999f);
        return error;
    }

    /** One row step of the optimizer interface with plain SGD (what mini-batch training calls per row). */
    @Benchmark
    public float[] sgdRowUpdate() {
        sgd.update(nextRow() / dim, gradient, 0, 1e-4f, ++step);
        return users;
    }

    /** One row step of lazy Adam. */
    @Benchmark
    public float[] adamRowUpdate() {
        adam.update(nextRow() / dim, gradient, 0, 1e-4f, ++step);
        return items;
    }
}
