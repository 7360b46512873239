/**
 * Honest evaluation of fitted models. {@link org.embedrec.eval.Evaluation} is the service every
 * command uses: a model on a split beside the {@link org.embedrec.eval.Baseline}s, as a typed
 * {@link org.embedrec.eval.EvaluationReport}. It composes {@link org.embedrec.eval.Metrics} (RMSE, MAE, MSE as
 * {@link org.embedrec.eval.RatingErrors}) and the {@link org.embedrec.eval.Baselines} every result
 * is printed beside (global mean, damped biases); {@link org.embedrec.eval.RankingMetrics}
 * (precision, recall, NDCG, MAP, hit rate @K, MRR, coverage and two named AUCs, as
 * {@link org.embedrec.eval.RankingResult}), its per-user kernel {@link org.embedrec.eval.RankedListMetrics}
 * (which the Spark evaluation calls too) and {@link org.embedrec.eval.RankingBaselines} (most popular, random).
 *
 * <p>Rigor: every figure keeps what its mean is made of, one value per user ({@link org.embedrec.eval.PerUser};
 * {@link org.embedrec.eval.RankingMetrics#evaluateUsers} gives them with the top-K lists as
 * {@link org.embedrec.eval.RankingDetails}); {@link org.embedrec.eval.Bootstrap} turns them into percentile
 * confidence intervals over users, {@link org.embedrec.eval.PairedTest} compares two models on the same users
 * (paired t and Wilcoxon signed-rank, with {@link org.embedrec.eval.Distributions} for the p-values), and
 * {@link org.embedrec.eval.BeyondAccuracy} measures the lists' novelty, genre diversity, popularity and Gini index.
 *
 * <p>Published protocols: {@link org.embedrec.eval.HeldOutUsersProtocol} is the strong-generalization
 * protocol of Liang et al. 2018 (VAE-CF): held-out users folded in, Recall@20/50 and NDCG@100.
 */
package org.embedrec.eval;
