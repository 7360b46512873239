/**
 * Bayesian probabilistic matrix factorization (Salakhutdinov and Mnih 2008):
 * {@link org.embedrec.family.bpmf.BpmfTrainer} draws Gibbs samples of the user and item rows (with
 * biases as an extra factor, as in Rendle, Zhang and Koren 2019) and their Normal-Wishart
 * hyperparameters, threads over users then items, reproducible for any thread count;
 * {@link org.embedrec.family.bpmf.BpmfModel} averages the kept samples' predictions as one dot
 * product of their concatenated vectors and folds a new user in by the posterior mean per sample.
 * Preset {@code bpmf}; model kind {@code bpmf}.
 */
package org.embedrec.family.bpmf;
