/**
 * Honest evaluation of fitted models: {@link org.embedrec.eval.Metrics} (RMSE, MAE, MSE as
 * {@link org.embedrec.eval.RatingErrors}) and the {@link org.embedrec.eval.Baselines} every result
 * is printed beside (global mean, damped biases).
 */
package org.embedrec.eval;
