package org.embedrec.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.embedrec.server.Payloads.ErrorBody;
import org.embedrec.server.Payloads.Health;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API of {@link RecommendationService}, its OpenAPI description at
 * {@code /openapi.json} and the web page, on Javalin (Jetty).
 *
 * <h2>Policies</h2>
 *
 * <ul>
 *   <li>Every error is JSON {@code {"status", "error", "field", "value"}}: 400 names the malformed
 *       field, 404 the unknown user, item or model, 405 a method the route does not take, 413 a
 *       body over the limit; an unexpected failure is a 500 saying "internal error" and is logged,
 *       never sent, with its stack trace. Requests Jetty refuses before routing (bad encoding,
 *       oversized URL or headers) get the same JSON ({@link JsonErrorHandler}). Client text quoted
 *       in an error is cut to 80 characters.
 *   <li>Every answer carries {@code X-Content-Type-Options: nosniff} and a
 *       {@code Content-Security-Policy} that lets the page run its own script only.
 *   <li>With an API key, every API route but the {@code /health} probes ({@code /metrics} included)
 *       needs {@code Authorization: Bearer KEY} (scheme in any case, key compared in constant time);
 *       the static page itself is public and asks for the key. The probes are {@code /health/live}
 *       (the process answers) and {@code /health/ready} ({@link Readiness}: 503 with a reason when
 *       the interaction store cannot take appends); {@code /metrics} is {@link ServerMetrics}.
 *   <li>Models are read-only: no route trains or changes a model. With an interaction store,
 *       {@code POST /interactions} stores interactions durably (once per idempotency key; 409 for a
 *       key reused with another batch, 503 with {@code Retry-After} when the store cannot write)
 *       and users' recommendations fold their stored interactions in; {@code POST /items} describes
 *       new items, which models that fold in items place by their genres until users interact with them.
 *   <li>{@code POST /admin/reload} loads the model files again and swaps them in whole (409 naming
 *       the file when one cannot be loaded: the models loaded before keep serving).
 * </ul>
 */
public final class EmbedrecServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedrecServer.class);
    static final String JSON = "application/json";
    /** Sent with every answer: browsers must not guess another type (e.g. HTML) from the content. */
    static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    static final String NOSNIFF = "nosniff";
    /**
     * The page loads only its own files: no inline script or event handler runs even if markup
     * ever reached the page, and no other site may frame it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** The longest error message sent; longer ones (echoing client text) are cut. */
    private static final int MAX_ERROR_CHARS = 300;
    private static final String ERROR_WRITTEN = "embedrec.errorWritten";

    /** Every API route as {@code "METHOD /path"}, as listed in {@code openapi.json}. */
    public static final List<String> ROUTES = List.of("GET /health", "GET /models", "GET /users", "GET /users/{id}",
            "GET /users/{id}/recommendations", "POST /recommendations", "GET /items", "GET /items/{id}",
            "GET /items/{id}/similar", "POST /predict", "GET /map", "GET /openapi.json", "POST /interactions",
            "GET /users/{id}/interactions", "DELETE /users/{id}", "POST /items", "POST /admin/reload", "GET /health/live",
            "GET /health/ready", "GET /metrics");
    /** The header that marks the answer to a retried batch, which stored nothing this time. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Javalin app;
    private final RecommendationService service;

    private EmbedrecServer(Javalin app, RecommendationService service) {
        this.app = app;
        this.service = service;
    }

    /**
     * Starts serving on {@code options.host():options.port()} and logs the address.
     *
     * @throws IllegalArgumentException if the host is not an address of this machine, or the port
     *     cannot be bound (in use, or reserved); the message says which
     */
    public static EmbedrecServer start(RecommendationService service, ServerOptions options) {
        checkLocal(options.host());
        Javalin app;
        try {
            app = create(service, options).start(options.host(), options.port());
        } catch (RuntimeException e) {
            throw bindFailure(options, e);
        }
        EmbedrecServer server = new EmbedrecServer(app, service);
        LOG.info("embedrec server listening on {}", server.url(options.host()));
        return server;
    }

    /** Whether every address {@code host} names is a loopback one (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Refuses a host this machine cannot listen on, before Jetty reports it as something else. */
    private static void checkLocal(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot listen on " + host + ": unknown host");
        }
        boolean local;
        try {
            local = address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            local = true; // Cannot tell: let the bind itself decide.
        }
        if (!local) {
            throw new IllegalArgumentException("cannot listen on " + host + ": it is not an address of this machine;"
                    + " use 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or one of its own addresses");
        }
    }

    /** Says why binding failed: the port in use, or another reason, instead of Jetty's guess. */
    private static RuntimeException bindFailure(ServerOptions options, RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                String where = options.host() + ":" + options.port();
                String message = String.valueOf(bind.getMessage());
                return new IllegalArgumentException(message.toLowerCase(java.util.Locale.ROOT).contains("in use")
                        ? "cannot listen on " + where + ": port " + options.port() + " is already in use"
                        : "cannot listen on " + where + ": " + message, failure);
            }
        }
        return failure;
    }

    /** The port the server listens on (the bound one when 0 was asked for). */
    public int port() {
        return app.port();
    }

    private String url(String host) {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/";
    }

    /** Stops the server, letting requests in flight finish, then closes the service's interaction store, if any. */
    @Override
    public void close() {
        app.stop();
        try {
            service.close();
        } catch (IOException e) {
            LOG.error("closing the interaction store failed", e);
        }
    }

    /** The JSON mapper of the API: snake_case names, null fields left out. */
    public static ObjectMapper jsonMapper() {
        // Strict reading: a body with trailing text or a repeated key is refused, not half-read.
        return new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The application, configured but not started (tests start it with javalin-testtools). */
    public static Javalin create(RecommendationService service, ServerOptions options) {
        ObjectMapper mapper = jsonMapper();
        Requests requests = new Requests(mapper, options);
        byte[] openApi = resource("/openapi.json");
        ServerMetrics metrics = new ServerMetrics(service);
        return Javalin.create(config -> {
            config.routes.before(metrics::start);
            config.routes.after(metrics::finish);
            config.events.serverStopped(metrics::close);
            config.http.maxRequestSize = options.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.startup.showJavalinBanner = false;
            JsonErrorHandler jettyErrors = new JsonErrorHandler(mapper);
            config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            config.routes.before(ctx -> ctx.header(NOSNIFF_HEADER, NOSNIFF)
                    .header("Content-Security-Policy", CONTENT_SECURITY_POLICY));
            config.staticFiles.add("/public", Location.CLASSPATH);
            Api api = new Api(service, requests, mapper, options);
            config.routes.get("/health", ctx -> api.json(ctx, new Health("ok", service.models().size())));
            config.routes.get("/health/live", ctx -> api.json(ctx, new Health("ok", service.models().size())));
            config.routes.get("/health/ready", ctx -> {
                Readiness readiness = Readiness.of(service);
                api.json(ctx, readiness.ready() ? 200 : 503, readiness);
            });
            config.routes.get("/metrics", api.protect(ctx -> ctx.contentType(ServerMetrics.CONTENT_TYPE)
                    .result(metrics.scrape())));
            api.get(config, "/models", ctx -> service.models());
            api.get(config, "/users", ctx -> service.users(api.model(ctx),
                    Requests.intParam("offset", ctx.queryParam("offset"), 0, 0, Integer.MAX_VALUE),
                    Requests.intParam("limit", ctx.queryParam("limit"), 100, 1, 1000)));
            api.get(config, "/users/{id}", ctx -> service.user(api.model(ctx), ctx.pathParam("id"), api.n(ctx)));
            api.get(config, "/users/{id}/recommendations", ctx -> {
                ServedModel served = api.model(ctx);
                return service.recommendForUser(served, ctx.pathParam("id"), requests.listing(served,
                        ctx.queryParam("n"), ctx.queryParam("exclude_seen"), ctx.queryParam("genres"),
                        ctx.queryParam("min_ratings"), ctx.queryParam("explain")));
            });
            api.post(config, "/recommendations", ctx -> {
                ServedModel served = api.model(ctx);
                Requests.NewUser user = requests.newUser(ctx.body(), served, service);
                return service.recommendForNewUser(served, user.items(), user.ratings(), user.listing());
            });
            api.get(config, "/items", ctx -> {
                String query = ctx.queryParam("q");
                if (query == null || query.isBlank()) {
                    throw ApiException.badField("q", "q (a title fragment) is required");
                }
                return service.search(api.model(ctx), query, api.n(ctx));
            });
            api.get(config, "/items/{id}", ctx -> service.item(api.model(ctx), ctx.pathParam("id")));
            api.get(config, "/items/{id}/similar", ctx -> service.similar(api.model(ctx), ctx.pathParam("id"), api.n(ctx),
                    Requests.intParam("min_ratings", ctx.queryParam("min_ratings"), 0, 0, Integer.MAX_VALUE)));
            api.post(config, "/predict", ctx -> {
                ServedModel served = api.model(ctx);
                Requests.Pairs pairs = requests.pairs(ctx.body());
                return service.predict(served, pairs.users(), pairs.items());
            });
            api.get(config, "/map", ctx -> service.map(api.model(ctx), ctx.queryParam("method")));
            api.post(config, "/interactions", ctx -> {
                service.checkLive(); // before reading the body: without a store, nothing else matters
                Payloads.Ingested ingested = metrics.ingest(requests.interactions(ctx.body(), service.ingestScale(),
                        System.currentTimeMillis()), service::ingest);
                if (ingested.replayed()) {
                    ctx.header(REPLAYED_HEADER, "true");
                }
                return ingested;
            });
            api.get(config, "/users/{id}/interactions", ctx -> service.interactions(ctx.pathParam("id"),
                    Requests.intParam("offset", ctx.queryParam("offset"), 0, 0, Integer.MAX_VALUE),
                    Requests.intParam("limit", ctx.queryParam("limit"), 100, 1, 1000)));
            api.delete(config, "/users/{id}", ctx -> service.forget(ctx.pathParam("id")));
            api.post(config, "/admin/reload", ctx -> service.reload());
            api.post(config, "/items", ctx -> {
                service.checkLive();
                return service.describeItems(requests.items(ctx.body()));
            });
            config.routes.get("/openapi.json", api.protect(ctx -> ctx.contentType(JSON).result(openApi)));
            config.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.status() == 503) {
                    ctx.header("Retry-After", "1");
                }
                api.error(ctx, e.status(), e.getMessage(), e.field(), e.value());
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> api.error(ctx, e.getStatus(),
                    switch (e.getStatus()) {
                        case 413 -> "the request body is larger than " + options.maxBodyBytes() + " bytes";
                        case 404 -> noRoute(ctx);
                        case 405 -> methodNotAllowed(ctx);
                        default -> e.getMessage();
                    }, null, null));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                api.error(ctx, 500, "internal error", null, null);
            });
            for (int status : new int[] {400, 404, 405, 409, 413, 500, 503}) {
                config.routes.error(status, ctx -> {
                    if (ctx.attribute(ERROR_WRITTEN) == null) {
                        api.error(ctx, status, switch (status) {
                            case 404 -> noRoute(ctx);
                            case 405 -> methodNotAllowed(ctx);
                            default -> "request failed";
                        }, null, null);
                    }
                });
            }
        });
    }

    private static String noRoute(Context ctx) {
        return "endpoint " + ctx.method() + " " + Requests.abbreviate(ctx.path()) + " not found";
    }

    private static String methodNotAllowed(Context ctx) {
        return "method " + ctx.method() + " is not allowed on " + Requests.abbreviate(ctx.path());
    }

    private static byte[] resource(String name) {
        try (InputStream in = EmbedrecServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A route body: returns the response object or throws an {@link ApiException}. */
    @FunctionalInterface
    private interface JsonRoute {
        Object handle(Context ctx) throws Exception;
    }

    /** Route helpers sharing the service, the mapper and the options. */
    private record Api(RecommendationService service, Requests requests, ObjectMapper mapper, ServerOptions options) {
        void get(JavalinConfig config, String path, JsonRoute route) {
            config.routes.get(path, protect(ctx -> json(ctx, route.handle(ctx))));
        }

        void post(JavalinConfig config, String path, JsonRoute route) {
            config.routes.post(path, protect(ctx -> json(ctx, route.handle(ctx))));
        }

        void delete(JavalinConfig config, String path, JsonRoute route) {
            config.routes.delete(path, protect(ctx -> json(ctx, route.handle(ctx))));
        }

        Handler protect(Handler handler) {
            if (options.apiKey() == null) {
                return handler;
            }
            byte[] expected = options.apiKey().getBytes(StandardCharsets.UTF_8);
            return ctx -> {
                String given = ctx.header("Authorization");
                if (given == null || !MessageDigest.isEqual(expected, bearerToken(given))) {
                    ctx.header("WWW-Authenticate", "Bearer");
                    throw ApiException.unauthorized(given == null ? "this server needs an API key: send Authorization: Bearer KEY"
                            : "wrong API key");
                }
                handler.handle(ctx);
            };
        }

        /**
         * The token of an {@code Authorization: Bearer TOKEN} header; the scheme is matched
         * case-insensitively (RFC 9110, 11.1), the token exactly. Empty when the scheme is another.
         */
        static byte[] bearerToken(String header) {
            String value = header.strip();
            int space = value.indexOf(' ');
            if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
                return new byte[0];
            }
            return value.substring(space + 1).strip().getBytes(StandardCharsets.UTF_8);
        }

        ServedModel model(Context ctx) {
            return service.model(ctx.queryParam("model"));
        }

        int n(Context ctx) {
            return Requests.intParam("n", ctx.queryParam("n"), 10, 1, options.maxResults());
        }

        void json(Context ctx, Object body) throws JsonProcessingException {
            ctx.contentType(JSON).result(mapper.writeValueAsBytes(body));
        }

        /** Answers {@code body} with {@code status}; an error status keeps the error handlers off it. */
        void json(Context ctx, int status, Object body) throws JsonProcessingException {
            if (status >= 400) {
                ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
            }
            ctx.status(status);
            json(ctx, body);
        }

        void error(Context ctx, int status, String message, String field, String value) {
            ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
            // Client text (ids, paths) is shortened where it is quoted; this bounds what slips through.
            String shown = message == null || message.length() <= MAX_ERROR_CHARS ? message
                    : message.substring(0, MAX_ERROR_CHARS - 3) + "...";
            try {
                ctx.status(status).contentType(JSON).header(NOSNIFF_HEADER, NOSNIFF)
                        .result(mapper.writeValueAsBytes(new ErrorBody(status, shown, field,
                                value == null ? null : Requests.abbreviate(value))));
            } catch (JsonProcessingException e) {
                ctx.status(status).contentType(JSON).result("{\"status\":" + status + "}");
            }
        }
    }
}
