package org.embedrec.server;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.embedrec.model.Provenance;
import org.embedrec.server.Payloads.Ingested;
import org.embedrec.server.Payloads.ModelView;
import org.embedrec.server.live.Batch;
import org.embedrec.server.live.InteractionStore;

/**
 * What {@code GET /metrics} reports, in the Prometheus text format (Micrometer's Prometheus
 * registry, one per server, never the global one):
 *
 * <ul>
 *   <li>{@code http_server_requests_seconds{method, route, status}}: a histogram of request
 *       latencies, from the request's first handler to its answer being ready to send (writing it to
 *       the socket is left out), by route template (e.g.
 *       {@code /users/{id}/recommendations}, never the raw path, so that ids do not multiply the
 *       series), method and status class ({@code 2xx} .. {@code 5xx}). Requests no API route
 *       matched are {@code route="static"} when answered below 400 (the page's files), else
 *       {@code route="unmatched"}. Requests Jetty refuses before routing (a malformed URL or
 *       oversized headers) are not counted.
 *   <li>{@code embedrec_ingest_batches_total{result}}: batches given to the interaction store, by
 *       {@code stored}, {@code replayed} (a retry: nothing written), {@code conflict} (a key reused
 *       for another batch, 409) and {@code failed} (the store could not write, 503); and
 *       {@code embedrec_ingest_interactions_total}, the interactions stored durably (a replay adds
 *       none). Bodies refused as malformed (400) never reach the store and count only as requests.
 *   <li>{@code embedrec_store_interactions}, the number of interactions in the store, and
 *       {@code embedrec_store_writable} (1 or 0), both only with a store.
 *   <li>Per served model: {@code embedrec_model_info{model, kind, data_fingerprint,
 *       embedrec_version, default}} (always 1: the labels say which model is served, and change when
 *       another model is), {@code embedrec_model_loaded_timestamp_seconds} and
 *       {@code embedrec_model_age_seconds} (since it was loaded; model files record no training
 *       time).
 *   <li>The JVM and the process: memory pools, garbage collections, threads, classes, CPU, file
 *       descriptors, uptime (Micrometer's binders, e.g. {@code jvm_memory_used_bytes},
 *       {@code jvm_gc_pause_seconds}, {@code jvm_threads_live_threads}).
 * </ul>
 *
 * <p>Recording a request costs a map lookup and a timer update (no allocation beyond the lookup key);
 * a scrape refreshes the model rows, then formats every series.
 */
final class ServerMetrics implements AutoCloseable {
    /** The Prometheus text exposition format, version 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The latency histogram's bucket bounds: the range from a cached answer to a slow fold-in. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5)};

    private static final String STARTED = "embedrec.metrics.started";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RecommendationService service;
    private final ConcurrentMap<RequestKey, Timer> requests = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter stored;
    private final Counter replayed;
    private final Counter conflicts;
    private final Counter failed;
    private final Counter interactions;
    private final MultiGauge modelInfo;
    private final MultiGauge modelLoaded;
    private final MultiGauge modelAge;

    /** A request's series: method, route template and status class (2 for 2xx). */
    private record RequestKey(String method, String route, int statusClass) {
    }

    /** Meters for the server of {@code service}: its store (if any) and models are read at each scrape. */
    ServerMetrics(RecommendationService service) {
        this.service = Objects.requireNonNull(service, "service");
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        stored = batches("stored");
        replayed = batches("replayed");
        conflicts = batches("conflict");
        failed = batches("failed");
        interactions = Counter.builder("embedrec.ingest.interactions")
                .description("Interactions stored durably by POST /interactions (a replayed batch adds none)")
                .register(registry);
        InteractionStore store = service.store();
        if (store != null) {
            Gauge.builder("embedrec.store.interactions", store, ServerMetrics::size)
                    .description("Interactions in the interaction store (NaN when it cannot be read)").register(registry);
            Gauge.builder("embedrec.store.writable", store, s -> s.unwritableReason().isEmpty() ? 1 : 0)
                    .description("1 when the interaction store can take appends (as GET /health/ready checks), else 0")
                    .register(registry);
        }
        modelInfo = MultiGauge.builder("embedrec.model.info")
                .description("A served model (always 1): its kind, data fingerprint, the embedrec version that trained it")
                .register(registry);
        modelLoaded = MultiGauge.builder("embedrec.model.loaded.timestamp").baseUnit("seconds")
                .description("When the served model was loaded, in seconds since the epoch").register(registry);
        modelAge = MultiGauge.builder("embedrec.model.age").baseUnit("seconds")
                .description("Seconds since the served model was loaded").register(registry);
        refreshModels();
    }

    private Counter batches(String result) {
        return Counter.builder("embedrec.ingest.batches").tag("result", result)
                .description("Batches POST /interactions gave to the interaction store, by result").register(registry);
    }

    private static double size(InteractionStore store) {
        try {
            return store.size();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Notes when a request started (a before-handler: runs first on every request). */
    void start(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    /**
     * Records a request once its answer is decided (an after-handler: it runs after the route, its
     * exception and error handlers, before the answer is sent), so a request is counted by the time
     * its client has the answer. Its latency leaves out writing the answer to the socket.
     */
    void finish(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return; // Not started by start() (it is the first before-handler): nothing to time.
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        int statusClass = ctx.statusCode() / 100;
        String route = endpoint != null ? endpoint.path : statusClass < 4 ? "static" : "unmatched";
        record(ctx.method().name(), route, statusClass, System.nanoTime() - started);
    }

    /** Adds a request of {@code nanos} to its series. */
    void record(String method, String route, int statusClass, long nanos) {
        requests.computeIfAbsent(new RequestKey(method, route, statusClass), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(RequestKey key) {
        return Timer.builder("http.server.requests").description("HTTP requests by route template, method and status class")
                .tags("method", key.method(), "route", key.route(), "status", key.statusClass() + "xx")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    /**
     * Gives {@code batch} to {@code store} and counts the result: stored (and its interactions),
     * replayed, or, when {@code store} throws, a conflict (409) or a failure.
     */
    Ingested ingest(Batch batch, Function<Batch, Ingested> store) {
        Ingested ingested;
        try {
            ingested = store.apply(batch);
        } catch (ApiException e) {
            (e.status() == 409 ? conflicts : failed).increment();
            throw e;
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        }
        if (ingested.replayed()) {
            replayed.increment();
        } else {
            stored.increment();
            interactions.increment(ingested.stored());
        }
        return ingested;
    }

    /** Every series in the Prometheus text format, the model rows as of now. */
    String scrape() {
        refreshModels();
        return registry.scrape();
    }

    /** Re-reads the served models: a model swapped in since the last scrape gets its own labels and age. */
    private void refreshModels() {
        List<MultiGauge.Row<?>> info = new ArrayList<>();
        List<MultiGauge.Row<?>> loaded = new ArrayList<>();
        List<MultiGauge.Row<?>> age = new ArrayList<>();
        for (ModelView view : service.models()) {
            ServedModel served = service.model(view.name());
            Provenance provenance = served.info().provenance();
            Tags model = Tags.of("model", served.name());
            info.add(MultiGauge.Row.of(model.and("kind", served.info().kind(), "data_fingerprint",
                    provenance.dataFingerprint(), "embedrec_version", Objects.requireNonNullElse(provenance.embedrecVersion(),
                            "unknown"), "default", Boolean.toString(view.isDefault())), 1));
            loaded.add(MultiGauge.Row.of(model, served.loadedAt().toEpochMilli() / 1000.0));
            age.add(MultiGauge.Row.of(model, served, ServerMetrics::ageSeconds));
        }
        modelInfo.register(info, true);
        modelLoaded.register(loaded, true);
        modelAge.register(age, true);
    }

    private static double ageSeconds(ServedModel served) {
        return Duration.between(served.loadedAt(), Instant.now()).toMillis() / 1000.0;
    }

    /** Stops listening for garbage collections; the registry is dropped with the server. */
    @Override
    public void close() {
        gc.close();
    }
}
