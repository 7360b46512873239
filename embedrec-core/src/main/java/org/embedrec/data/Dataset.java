package org.embedrec.data;

import java.util.Objects;

/**
 * A loaded data set: its ratings, the catalog of its items, whose item indices agree, and what is known
 * about its users.
 *
 * @param name a short human-readable name, e.g. the folder it was loaded from
 * @param ratings all ratings
 * @param catalog item descriptions aligned with {@code ratings.items()}
 * @param implicit whether the data holds no ratings, only interactions whose values are weights or
 *     counts (every one positive): ranking models learn from it, rating models cannot
 * @param users the user metadata's attributes of each user, {@link UserAttributes#none()} without one
 */
public record Dataset(String name, Ratings ratings, ItemCatalog catalog, boolean implicit, UserAttributes users) {
    /** Checks that the catalog is aligned with the ratings' item index. */
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ratings, "ratings");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(users, "users");
        if (!catalog.items().equals(ratings.items())) {
            throw new IllegalArgumentException("catalog of " + catalog.size()
                    + " items is not aligned with the ratings' item index of " + ratings.itemCount() + " items");
        }
    }

    /** A data set without user metadata. */
    public Dataset(String name, Ratings ratings, ItemCatalog catalog, boolean implicit) {
        this(name, ratings, catalog, implicit, UserAttributes.none());
    }

    /** An explicit data set: its values are ratings. */
    public Dataset(String name, Ratings ratings, ItemCatalog catalog) {
        this(name, ratings, catalog, false);
    }

    /** A data set of ratings only; items are titled by their ids. */
    public static Dataset of(String name, Ratings ratings) {
        return new Dataset(name, ratings, ItemCatalog.untitled(ratings.items()));
    }
}
