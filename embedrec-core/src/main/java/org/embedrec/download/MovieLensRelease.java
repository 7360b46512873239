package org.embedrec.download;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The MovieLens releases GroupLens publishes as {@code <name>.zip} under
 * {@code https://files.grouplens.org/datasets/movielens/}, with the folder each archive unpacks to
 * and the file that holds its ratings (the older releases are not CSV).
 */
public enum MovieLensRelease {
    /** About 100,000 ratings; CSV, re-released from time to time. */
    ML_LATEST_SMALL("ml-latest-small", "ml-latest-small", "ratings.csv"),
    /** The full current release (tens of millions of ratings); CSV. */
    ML_LATEST("ml-latest", "ml-latest", "ratings.csv"),
    /** 100,000 ratings from 1998; tab-separated {@code u.data}. */
    ML_100K("ml-100k", "ml-100k", "u.data"),
    /** 1 million ratings; {@code ::}-separated {@code ratings.dat}. */
    ML_1M("ml-1m", "ml-1m", "ratings.dat"),
    /** 10 million ratings; {@code ::}-separated; the archive unpacks to {@code ml-10M100K}. */
    ML_10M("ml-10m", "ml-10M100K", "ratings.dat"),
    /** 20 million ratings; CSV. */
    ML_20M("ml-20m", "ml-20m", "ratings.csv"),
    /** 25 million ratings; CSV. */
    ML_25M("ml-25m", "ml-25m", "ratings.csv");

    private final String releaseName;
    private final String folderName;
    private final String ratingsFile;

    MovieLensRelease(String releaseName, String folderName, String ratingsFile) {
        this.releaseName = releaseName;
        this.folderName = folderName;
        this.ratingsFile = ratingsFile;
    }

    /** The name GroupLens uses, e.g. {@code ml-latest-small}; the archive is {@code <name>.zip}. */
    public String releaseName() {
        return releaseName;
    }

    /** The folder the archive unpacks to (differs from the name only for {@code ml-10m}). */
    public String folderName() {
        return folderName;
    }

    /** The ratings file inside the folder, e.g. {@code ratings.csv}. */
    public String ratingsFile() {
        return ratingsFile;
    }

    /** File name of the archive, {@code <name>.zip}. */
    public String archiveName() {
        return releaseName + ".zip";
    }

    /**
     * The release called {@code name} (case-insensitive, e.g. {@code ml-25m}).
     *
     * @throws IllegalArgumentException naming the unknown name and listing the known ones
     */
    public static MovieLensRelease named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (MovieLensRelease release : values()) {
            if (release.releaseName.equals(wanted)) {
                return release;
            }
        }
        throw new IllegalArgumentException("unknown MovieLens release '" + name + "'; known releases: "
                + String.join(", ", names()));
    }

    /** All release names, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(MovieLensRelease::releaseName).toList();
    }

    @Override
    public String toString() {
        return releaseName;
    }
}
