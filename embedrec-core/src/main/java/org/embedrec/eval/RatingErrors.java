package org.embedrec.eval;

/**
 * Error measures of predicted ratings against true ones.
 *
 * @param count number of (prediction, rating) pairs
 * @param mse mean squared error
 * @param rmse root of {@code mse}
 * @param mae mean absolute error
 */
public record RatingErrors(int count, double mse, double rmse, double mae) {
}
