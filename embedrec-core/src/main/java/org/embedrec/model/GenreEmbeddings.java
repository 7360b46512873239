package org.embedrec.model;

/**
 * A capability of hybrid models that learn one vector per genre tag, indexed like
 * {@link org.embedrec.data.ItemCatalog#genreNames()}.
 */
public interface GenreEmbeddings {
    /** Length of a genre vector. */
    int genreDimensions();

    /** A copy of the vector of genre {@code genre} (index into the catalog's genre names). */
    float[] genreVector(int genre);
}
