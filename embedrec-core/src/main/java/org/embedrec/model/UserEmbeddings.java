package org.embedrec.model;

/**
 * A capability of models that hold one vector per user (matrix factorization's user factors), so
 * analyses and exports can show the user space beside the item space.
 */
public interface UserEmbeddings {
    /** Length of a user vector. */
    int userDimensions();

    /** A copy of the vector of {@code user} (dense index). */
    float[] userVector(int user);
}
