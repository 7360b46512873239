/**
 * The training engine: trainers that turn ratings into immutable models.
 *
 * <p>Every model family has a {@link org.embedrec.train.RecommenderTrainer}:
 * {@link org.embedrec.family.mf.MatrixFactorizationTrainer}; {@link org.embedrec.family.neural.DeepRatingTrainer},
 * {@link org.embedrec.family.neural.HybridRatingTrainer} and {@link org.embedrec.family.neural.RatingClassifierTrainer}
 * sharing {@link org.embedrec.train.NeuralOptions} (with the tutorials' presets) and
 * {@link org.embedrec.family.neural.ItemFeature}; {@link org.embedrec.family.bpr.BprTrainer} and
 * {@link org.embedrec.family.bpr.GenreBprTrainer} for implicit feedback, with
 * {@link org.embedrec.family.bpr.PairwiseLoss} and {@link org.embedrec.family.bpr.NegativeSampling}.
 * {@link org.embedrec.family.Trainers} names the configurations users ask for ({@code mf}, {@code deep},
 * {@code bpr}, ...); options come from records, or from config maps through
 * {@link org.embedrec.train.OptionValues}; {@link org.embedrec.train.SearchSpace} describes what
 * {@code tune} searches. Shared machinery: the epoch loop (shuffling, threads that own their users
 * and, round by round, their items, with lock-free updates of what stays shared, learning-rate
 * {@link org.embedrec.train.LearningRateSchedule}, early stopping that restores the best epoch,
 * divergence checks, {@link org.embedrec.train.TrainingListener}s), sparse
 * {@link org.embedrec.train.Optimizer}s (SGD, Adagrad, lazy Adam) that update only the embedding
 * rows a mini-batch touches, {@link org.embedrec.train.Initializer}s and {@link org.embedrec.train.Loss}es;
 * {@link org.embedrec.train.FactorKernels} (scalar, or the Vector API when the
 * {@code jdk.incubator.vector} module is present) and a blocked (user block × item block) order of
 * the ratings for data whose tables do not fit in cache.
 *
 * <p>Reproducibility: every {@code fit} starts from fresh state and a random stream split from the
 * options' seed; with one thread, the same seed gives bit-identical models.
 */
package org.embedrec.train;
