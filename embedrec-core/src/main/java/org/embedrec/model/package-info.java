/**
 * Fitted, immutable models and what every model shares: the {@link org.embedrec.model.Recommender}
 * view used by evaluation and serving, {@link org.embedrec.model.EmbeddingModel} for models with item
 * vectors, the one top-N selection {@link org.embedrec.model.TopN}, the vector kernels
 * {@link org.embedrec.model.Vectors}, and provenance ({@link org.embedrec.model.ModelInfo}).
 *
 * <p>Models never depend on training code: trainers in {@code org.embedrec.train} build them.
 */
package org.embedrec.model;
