package org.embedrec.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.data.Ratings;
import org.embedrec.model.Recommender;

/** Rating prediction metrics. Sums are accumulated in double precision in row order. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * MSE, RMSE and MAE of {@code model} on {@code test}, whose id indices must be the model's.
     *
     * @throws IllegalArgumentException if the id indices differ or {@code test} is empty
     */
    public static RatingErrors ratingErrors(Recommender model, Ratings test) {
        checkAligned(model, test);
        double squared = 0;
        double absolute = 0;
        for (int row = 0; row < test.size(); row++) {
            double error = model.predict(test.user(row), test.item(row)) - (double) test.rating(row);
            squared += error * error;
            absolute += Math.abs(error);
        }
        int n = test.size();
        return new RatingErrors(n, squared / n, Math.sqrt(squared / n), absolute / n);
    }

    /**
     * Every user's MSE and MAE on {@code test} (keys {@code "mse"}, {@code "mae"}), weighted by the
     * user's number of test ratings, so that their weighted means are the aggregate MSE and MAE (up to
     * the order of summation); NaN for users without test ratings. RMSE's interval is the square root of MSE's.
     *
     * @throws IllegalArgumentException as {@link #ratingErrors}
     */
    public static Map<String, PerUser> ratingErrorsPerUser(Recommender model, Ratings test) {
        checkAligned(model, test);
        int users = test.userCount();
        double[] squared = new double[users];
        double[] absolute = new double[users];
        double[] counts = new double[users];
        for (int row = 0; row < test.size(); row++) {
            double error = model.predict(test.user(row), test.item(row)) - (double) test.rating(row);
            squared[test.user(row)] += error * error;
            absolute[test.user(row)] += Math.abs(error);
            counts[test.user(row)]++;
        }
        for (int user = 0; user < users; user++) {
            squared[user] = counts[user] == 0 ? Double.NaN : squared[user] / counts[user];
            absolute[user] = counts[user] == 0 ? Double.NaN : absolute[user] / counts[user];
            counts[user] = counts[user] == 0 ? 1 : counts[user];
        }
        Map<String, PerUser> perUser = new LinkedHashMap<>();
        perUser.put("mse", PerUser.weighted(squared, counts));
        perUser.put("mae", PerUser.weighted(absolute, counts));
        return perUser;
    }

    private static void checkAligned(Recommender model, Ratings test) {
        if (!test.users().equals(model.users()) || !test.items().equals(model.items())) {
            throw new IllegalArgumentException("test ratings use other id indices than the model ("
                    + test.userCount() + " users / " + test.itemCount() + " items vs " + model.users().size()
                    + " / " + model.items().size() + "); evaluate on a split of the training data");
        }
        if (test.size() == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty rating set");
        }
    }
}
