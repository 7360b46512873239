package org.embedrec.server;

/**
 * What a client asks of a recommendation list: how many, whether to leave out what the user has
 * rated, which genres (any of them; null for all), a popularity floor, and whether to explain.
 *
 * @param n number of items, 1 ..  the server's limit
 * @param excludeSeen leave out items the user rated (known users with a history; always true for
 *     the items a new user sent)
 * @param genres genre indices into the model's catalog, an item needs one of them; null for no filter
 * @param minRatings leave out items with fewer ratings in the served history
 * @param explain add a "because you liked" explanation to each item
 */
public record Listing(int n, boolean excludeSeen, int[] genres, int minRatings, boolean explain) {
    /** Whether {@code item} passes the genre and popularity filters of this listing in {@code served}. */
    boolean admits(ServedModel served, int item) {
        if (served.popularity(item) < minRatings) {
            return false;
        }
        if (genres == null) {
            return true;
        }
        for (int genre : served.genres(item)) {
            for (int wanted : genres) {
                if (genre == wanted) {
                    return true;
                }
            }
        }
        return false;
    }
}
