/**
 * Matrix factorization: {@link org.embedrec.family.mf.MatrixFactorizationTrainer} (mini-batch SGD,
 * Adagrad or Adam, or LIBMF-style fused SGD) fits a {@link org.embedrec.family.mf.MatrixFactorizationModel}
 * (dot product, optional biases, optional sigmoid range), which folds in new users by ridge regression
 * ({@link org.embedrec.family.mf.MatrixFactorizationFoldIn}). Presets {@code mf}, {@code dot} and
 * {@code mf-sgd}.
 */
package org.embedrec.family.mf;
