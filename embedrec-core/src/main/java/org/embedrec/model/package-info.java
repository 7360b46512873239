/**
 * Fitted, immutable models and what every model shares: the {@link org.embedrec.model.Recommender}
 * view used by evaluation and serving, {@link org.embedrec.model.EmbeddingModel} for models with item
 * vectors, the one top-N selection {@link org.embedrec.model.TopN}, the vector kernels
 * {@link org.embedrec.model.Vectors}, what every model knows about its training
 * ({@link org.embedrec.model.TrainingFacts}: ids, catalog, item counts, info, which
 * {@code Recommender}'s accessors read), and the info recorded in model files
 * ({@link org.embedrec.model.ModelInfo}: hyperparameters, a typed
 * {@link org.embedrec.model.Provenance}, history, metrics).
 *
 * <p>The models: {@link org.embedrec.family.mf.MatrixFactorizationModel} (dot product, biases, sigmoid
 * range); the neural rating models over one {@link org.embedrec.family.neural.ConcatenationNetwork}
 * (embeddings ⊕ item features → MLP, its first layer split so that scoring all items is cheap), the
 * sealed {@link org.embedrec.family.neural.NeuralRatingModel} with the one-output
 * {@link org.embedrec.family.neural.NeuralRegressionModel}s {@link org.embedrec.family.neural.DeepRatingModel} and
 * {@link org.embedrec.family.neural.HybridRatingModel}, and {@link org.embedrec.family.neural.RatingClassifierModel};
 * the ranking models of implicit feedback {@link org.embedrec.family.bpr.BprModel} and
 * {@link org.embedrec.family.bpr.GenreBprModel}; and the baseline {@link org.embedrec.model.BiasModel}.
 *
 * <p>Capabilities beyond {@code Recommender}, which analyses and the server ask for instead of
 * concrete classes: {@link org.embedrec.model.FoldInRecommender} (new users from their ratings
 * without retraining: ridge regression on the item factors for matrix factorization, implicit least
 * squares over the whole catalogue for the BPR models, gradient descent on the user embedding with
 * the model's own loss for the neural models), {@link org.embedrec.model.ImplicitFeedbackModel},
 * {@link org.embedrec.model.ItemBiases}, {@link org.embedrec.model.UserEmbeddings}
 * and {@link org.embedrec.model.GenreEmbeddings}; {@code Recommender.rankAll} gives cheaper
 * ranking-only scores.
 *
 * <p>Models never depend on training code: trainers in {@code org.embedrec.train} build them.
 */
package org.embedrec.model;
