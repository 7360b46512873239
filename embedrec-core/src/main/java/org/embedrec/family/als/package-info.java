/**
 * ALS-WR, alternating least squares with weighted-λ regularization (Zhou, Wilkinson, Schreiber and
 * Pan 2008), with user and item biases: a fast explicit-rating baseline. {@link
 * org.embedrec.family.als.AlsTrainer} (options, the sweeps) fits an {@link
 * org.embedrec.family.als.AlsModel} ({@code μ + b_u + b_i + p_u · q_i}); each row is one
 * (d+1)×(d+1) ridge solve in which the row's bias is fitted with its factors ({@code BiasedRowSolver},
 * on the shared {@link org.embedrec.model.NormalEquations}), and the same solve folds in new users.
 * {@link org.embedrec.family.als.AlsFamily} registers the preset {@code als-wr} and the codec.
 *
 * <p>Tuning: λ 0.1 to 0.15 with 32 to 64 dimensions suits MovieLens-sized data; below 0.1 it
 * overfits within a few sweeps. Ten sweeps converge; validation RMSE moves by less than 0.001 after.
 */
package org.embedrec.family.als;
