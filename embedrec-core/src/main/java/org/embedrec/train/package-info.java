/**
 * The training engine: trainers that turn ratings into immutable models.
 *
 * <p>{@link org.embedrec.train.MatrixFactorizationTrainer} with its {@code Options} record is the first
 * trainer. Shared machinery: the epoch loop (shuffling, Hogwild threads, learning-rate
 * {@link org.embedrec.train.LearningRateSchedule}, early stopping that restores the best epoch,
 * divergence checks, {@link org.embedrec.train.TrainingListener}s), sparse
 * {@link org.embedrec.train.Optimizer}s (SGD, Adagrad, lazy Adam) that update only the embedding
 * rows a mini-batch touches, {@link org.embedrec.train.Initializer}s and {@link org.embedrec.train.Loss}es.
 *
 * <p>Reproducibility: every {@code fit} starts from fresh state and a random stream split from the
 * options' seed; with one thread, the same seed gives bit-identical models.
 */
package org.embedrec.train;
