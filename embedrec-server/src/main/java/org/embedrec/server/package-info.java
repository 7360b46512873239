/**
 * The HTTP server: a JSON API over fitted, read-only models and a web page to explore them.
 * {@link org.embedrec.server.EmbedrecServer} wires the routes (Javalin), the error policy and the
 * optional API key; {@link org.embedrec.server.RecommendationService} holds what the API does,
 * free of HTTP; {@link org.embedrec.server.ServedModel} is one named model with its rating history
 * and precomputed serving state; {@link org.embedrec.server.EmbeddingMap} the 2-D map of items;
 * {@link org.embedrec.server.ServerMetrics} what {@code /metrics} reports (Prometheus) and
 * {@link org.embedrec.server.Readiness} the readiness probe.
 * The API is described by {@code openapi.json} on the classpath and in {@code docs/SERVER.md}.
 */
package org.embedrec.server;
