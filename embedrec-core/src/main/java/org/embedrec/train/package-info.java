/**
 * The training engine every model family shares; the families themselves live under
 * {@code org.embedrec.family}.
 *
 * <p>Options: each family's options are a record with withers and a declarative
 * {@link org.embedrec.train.OptionTable} (one {@link org.embedrec.train.OptionType}d row per record
 * component) that reads config files, {@code --set} pairs and model files and writes them back;
 * {@link org.embedrec.train.TrainingOptions} (epochs, batch, optimizer, learning rate, initializer,
 * seed, threads, early stopping) is nested in every epoch-loop family's record
 * ({@link org.embedrec.train.TrainerOptions}); {@link org.embedrec.train.SearchSpace} describes what
 * {@code tune} searches, checked against the same tables.
 *
 * <p>Fitting: a family implements {@link org.embedrec.train.RecommenderTrainer}, usually by extending
 * {@link org.embedrec.train.EpochTrainer}, which holds the {@code fit} skeleton and runs the
 * {@link org.embedrec.train.TrainingLoop} over the family's {@link org.embedrec.train.Trainable}
 * objective: shuffling (or the blocked order of {@link org.embedrec.train.ExampleGrid} for data whose
 * tables do not fit in cache), threads that own their users and, round by round, their items, with
 * lock-free updates of what stays shared, the {@link org.embedrec.train.LearningRateSchedule},
 * divergence checks and {@link org.embedrec.train.TrainingListener}s, among them
 * {@link org.embedrec.train.EarlyStopping} (restore-best). Building blocks: sparse
 * {@link org.embedrec.train.Optimizer}s (SGD, Adagrad, lazy Adam) behind
 * {@link org.embedrec.train.RowUpdater} that update only the rows a mini-batch touches, with a
 * {@link org.embedrec.train.GradientBuffer}; {@link org.embedrec.train.Initializer}s,
 * {@link org.embedrec.train.Loss}es and {@link org.embedrec.train.FactorKernels} (scalar, or the Vector
 * API when the {@code jdk.incubator.vector} module is present).
 *
 * <p>Reproducibility: every {@code fit} starts from fresh state and a random stream split from the
 * options' seed; with one thread, the same seed gives bit-identical models.
 */
package org.embedrec.train;
