package org.embedrec.eval;

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
        if (!test.users().equals(model.users()) || !test.items().equals(model.items())) {
            throw new IllegalArgumentException("test ratings use other id indices than the model ("
                    + test.userCount() + " users / " + test.itemCount() + " items vs " + model.users().size()
                    + " / " + model.items().size() + "); evaluate on a split of the training data");
        }
        if (test.size() == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty rating set");
        }
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
}
