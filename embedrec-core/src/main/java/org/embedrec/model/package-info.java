/**
 * Fitted, immutable models and what every model shares: the {@link org.embedrec.model.Recommender}
 * view used by evaluation and serving, {@link org.embedrec.model.EmbeddingModel} for models with item
 * vectors, the one top-N selection {@link org.embedrec.model.TopN}, blocked top-N for many users of a
 * {@link org.embedrec.model.DotProductModel} ({@link org.embedrec.model.BatchTopN}, which
 * {@code recommend} of those models runs for one user), the vector kernels
 * {@link org.embedrec.model.Vectors}, what every model knows about its training
 * ({@link org.embedrec.model.TrainingFacts}: ids, catalog, item counts, info, which
 * {@code Recommender}'s accessors read), and the info recorded in model files
 * ({@link org.embedrec.model.ModelInfo}: hyperparameters, a typed
 * {@link org.embedrec.model.Provenance}, history, metrics).
 *
 * <p>The concrete models live with their trainers in the family packages under
 * {@code org.embedrec.family} (matrix factorization, BPR, the neural models, item-kNN); this package
 * holds only what they share, and the baseline {@link org.embedrec.model.BiasModel}.
 *
 * <p>Capabilities beyond {@code Recommender}, which analyses and the server ask for instead of
 * concrete classes: {@link org.embedrec.model.FoldInRecommender} (new users from their ratings
 * without retraining: ridge regression on the item factors for matrix factorization, implicit least
 * squares over the whole catalogue for the BPR models, gradient descent on the user embedding with
 * the model's own loss for the neural models), {@link org.embedrec.model.ItemFoldInRecommender}
 * (new items from their raters, the item side of the same solve: iALS, ALS-WR and matrix
 * factorization),
 * {@link org.embedrec.model.ImplicitFeedbackModel},
 * {@link org.embedrec.model.ItemBiases}, {@link org.embedrec.model.UserEmbeddings}
 * and {@link org.embedrec.model.GenreEmbeddings}; {@code Recommender.rankAll} gives cheaper
 * ranking-only scores.
 *
 * <p>Nothing here depends on training code or on any family (ArchitectureTest).
 */
package org.embedrec.model;
