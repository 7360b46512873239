package org.embedrec.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * What recording one request in {@link ServerMetrics} costs: the series lookup and the timer update
 * (histogram buckets, count, sum, max) that every request pays, in this thread's CPU time, so that
 * the figure holds on a shared machine (docs/BENCHMARKS.md). Requests spread over 8 route templates
 * and 2 status classes. Not a test: run by hand.
 */
public final class MetricsOverheadBenchmark {
    private static final int CALLS = 5_000_000;
    private static final List<String> ROUTES = List.of("/users/{id}/recommendations", "/items/{id}/similar", "/users/{id}",
            "/recommendations", "/interactions", "/predict", "/items", "/health");

    private MetricsOverheadBenchmark() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (ServerMetrics metrics = new ServerMetrics(ServerFixtures.service(null))) {
            for (int round = 0; round < 5; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int k = 0; k < CALLS; k++) {
                    metrics.record(k % 16 < 8 ? "GET" : "POST", ROUTES.get(k & 7), (k & 31) == 0 ? 4 : 2, 100_000 + (k & 0xFFFF));
                }
                double nanos = (threads.getCurrentThreadCpuTime() - start) / (double) CALLS;
                System.out.printf(Locale.ROOT, "round %d: %.0f ns of CPU per recorded request%n", round + 1, nanos);
            }
        }
    }
}
