/**
 * Bayesian personalized ranking for implicit feedback: {@link org.embedrec.family.bpr.BprTrainer}
 * (BPR matrix factorization) and {@link org.embedrec.family.bpr.GenreBprTrainer} (the tutorials'
 * triplet model with genre-tag embeddings and an ELU), sharing {@link org.embedrec.family.bpr.BprTrainer.Options},
 * the triplet loop of {@code PairwiseObjective}, {@link org.embedrec.family.bpr.NegativeSampling} and
 * {@link org.embedrec.family.bpr.PairwiseLoss}. The models fold in new users by implicit least squares
 * ({@link org.embedrec.family.bpr.ImplicitFoldIn}). Presets {@code bpr}, {@code bpr-genres},
 * {@code bpr-warp} and {@code bpr-tutorial}.
 */
package org.embedrec.family.bpr;
