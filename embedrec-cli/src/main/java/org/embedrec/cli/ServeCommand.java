package org.embedrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.embedrec.io.DataSpec;
import org.embedrec.server.EmbedrecServer;
import org.embedrec.server.EmbeddingMap;
import org.embedrec.server.RecommendationService;
import org.embedrec.server.ServedModel;
import org.embedrec.server.ServerOptions;
import org.embedrec.server.live.InteractionStore;
import org.embedrec.server.live.ItemMetadataStore;
import org.embedrec.server.live.JdbcInteractionStore;
import org.embedrec.server.live.LogInteractionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embedrec serve}: loads model files read-only and serves the HTTP API and the web page
 * until stopped. Each model's rating history comes from {@code --data} or the folder recorded in
 * the model at training, when it holds the same users and items. {@code POST /admin/reload} (and,
 * with {@code --watch}, a change of a model file) loads the model files again.
 */
@Command(name = "serve", description = "Serve models over HTTP: a JSON API (see docs/SERVER.md) and a web page.")
final class ServeCommand implements Callable<Integer> {
    /** The environment variable holding the API key when {@code --api-key} is not given. */
    static final String API_KEY_ENV = "EMBEDREC_API_KEY";
    /** How often {@code --watch} looks at the model files. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true,
            description = "a model file; repeat to serve several, each named by its file name (the default is the one"
                    + " with the best held-out NDCG recorded in its file, else the first)")
    List<Path> models;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free)")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String host;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "require Authorization: Bearer KEY on every route but /health (default: $" + API_KEY_ENV
                    + ", else none); visible to other users in ps, prefer --api-key-file")
    String apiKey;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "read the API key from the first line of FILE (keeps it out of ps and shell history)")
    Path apiKeyFile;

    @Option(names = "--map", paramLabel = "FILE", description = "deprecated: the page now computes PCA and t-SNE maps of"
            + " every model on request; a CSV item,x,y of 2-D item coordinates of the first model, served as GET /map?method=file")
    Path map;

    @Option(names = "--store", paramLabel = "DIR|JDBC-URL", description = "live updates: store interactions sent to"
            + " POST /interactions durably and fold them into users' recommendations: a write-ahead log in DIR (created"
            + " if missing, read back at start-up), or a database shared by several servers (jdbc:postgresql://...,"
            + " jdbc:duckdb:FILE; tables created if missing). Item descriptions sent to POST /items are kept in"
            + " DIR/items.json (log stores only). Default: none, the server is read-only")
    String store;

    @Option(names = "--index", paramLabel = "exact|hnsw", defaultValue = "exact",
            description = "how recommendations and similar items are found: exact scans of the whole catalogue (default),"
                    + " or hnsw: approximate search in an HNSW index beside each model file (FILE.hnsw, see `embedrec index`;"
                    + " built on first use, rebuilt when the model changed), for catalogues beyond about 100,000 items")
    String index;

    @Option(names = "--watch", description = "reload the model files when one changes (checked every second), as"
            + " POST /admin/reload does; embedrec retrain replaces them atomically")
    boolean watch;

    /** The models' training data (default: the source recorded in each model, if its files still exist). */
    @Mixin
    DataFlags data;

    @Override
    public Integer call() throws Exception {
        EmbedrecServer server = start(System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "embedrec-serve-shutdown"));
        stopped.await();
        return 0;
    }

    /** Loads everything and starts the server; reports what it loaded on {@code out}. */
    EmbedrecServer start(PrintStream out) throws Exception {
        long begin = System.nanoTime();
        String key = apiKey(System.getenv(API_KEY_ENV));
        ServerOptions options = ServerOptions.defaults(port).withHost(host).withApiKey(key);
        if (key == null && !EmbedrecServer.isLoopback(host)) {
            out.println("warning: serving on " + host + " without an API key: anyone who can reach this address can"
                    + " use the API (pass --api-key-file FILE or set " + API_KEY_ENV + ")");
        }
        if (!index.equals("exact") && !index.equals("hnsw")) {
            throw new IllegalArgumentException("--index must be exact or hnsw, got '" + index + "'");
        }
        DataSpec source = data.given() ? data.spec() : null;
        InteractionStore interactions = null;
        ItemMetadataStore itemMetadata = null;
        if (store != null) {
            interactions = store.startsWith("jdbc:") ? JdbcInteractionStore.open(store)
                    : LogInteractionStore.open(Path.of(store));
            out.printf(Locale.ROOT, "interaction store: %s, %,d interactions of %,d users%n", interactions.describe(),
                    interactions.size(), interactions.users().size());
            if (!store.startsWith("jdbc:")) {
                // Opened after the log, whose lock keeps a second server out of the folder.
                try {
                    itemMetadata = ItemMetadataStore.open(Path.of(store).resolve(ItemMetadataStore.FILE));
                } catch (IOException e) {
                    interactions.close();
                    throw e;
                }
                out.printf(Locale.ROOT, "item descriptions: %s, %,d items%n", itemMetadata.file(),
                        itemMetadata.items().size());
            }
        }
        ServedModelFiles loader = new ServedModelFiles(models, source, interactions, index.equals("hnsw"), out);
        EmbedrecServer server;
        RecommendationService service;
        try {
            List<ServedModel> served = loader.load();
            EmbeddingMap embeddingMap = map == null ? null : EmbeddingMap.read(map, served.get(0).model().catalog());
            if (embeddingMap != null) {
                out.printf(Locale.ROOT, "embedding map %s: %,d items (--map is deprecated: the page computes maps of"
                        + " every model on request)%n", map, embeddingMap.size());
            }
            service = new RecommendationService(served, embeddingMap, interactions, itemMetadata, loader);
            server = EmbedrecServer.start(service, options);
        } catch (IOException | RuntimeException e) {
            if (interactions != null) {
                interactions.close();
            }
            throw e;
        }
        if (watch) {
            service.watch(WATCH_INTERVAL);
            out.println("watching " + models + ": a changed model file is reloaded");
        }
        out.printf(Locale.ROOT, "listening on http://%s:%d/ (started in %.2f s%s)%n", host.contains(":") ? "[" + host + "]" : host,
                server.port(), (System.nanoTime() - begin) / 1e9, options.apiKey() == null ? "" : ", API key required");
        out.flush();
        return server;
    }

    /**
     * The API key from {@code --api-key}, {@code --api-key-file} or the environment value
     * {@code fromEnvironment}, in that order; null for an open server. A key that is given but
     * empty or blank is an error, never a silently open server (an unset {@code $KEY} in
     * {@code --api-key "$KEY"} used to turn authentication off).
     */
    String apiKey(String fromEnvironment) throws IOException {
        if (apiKey != null && apiKeyFile != null) {
            throw new IllegalArgumentException("give --api-key or --api-key-file, not both");
        }
        if (apiKey != null) {
            return nonBlank(apiKey, "--api-key is empty or blank: give a key, or leave the option out for an open server");
        }
        if (apiKeyFile != null) {
            String firstLine = Files.readAllLines(apiKeyFile).stream().findFirst().orElse("");
            return nonBlank(firstLine.strip(), "the API key file " + apiKeyFile + " is empty or its first line is blank");
        }
        if (fromEnvironment != null) {
            return nonBlank(fromEnvironment, API_KEY_ENV + " is set but empty or blank: give it a key, or unset it for"
                    + " an open server");
        }
        return null;
    }

    private static String nonBlank(String key, String problem) {
        if (key.isBlank()) {
            throw new IllegalArgumentException(problem);
        }
        return key;
    }
}
