package org.embedrec.model;

import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a fitted model came from, apart from its hyperparameters: the fingerprint of the ratings it
 * was fitted on and, for a command-line run, how to find and split that data again; the named
 * configuration; the embedrec version; for a model that {@code embedrec retrain} made, how
 * ({@link Retraining}). Nothing but the retraining record depends on the time, so one seed still
 * gives bit-identical models from {@code train}.
 *
 * <p>Trainers record {@link #of(String) the fingerprint and version}; whoever knows where the data
 * came from (the CLI) adds the rest with {@link #withDataSource}, {@link #withSplit} and
 * {@link #withConfiguration}.
 *
 * @param dataFingerprint {@link org.embedrec.data.Ratings#fingerprint()} of the ratings the model
 *     was fitted on
 * @param dataSource where the data was loaded from (the CLI records the absolute data folder), or
 *     {@code null} when unknown
 * @param split the split spec text the CLI splits by, e.g. {@code "random:0.1"}, or {@code null}
 *     when no split is recorded
 * @param splitSeed the seed of {@code split} (0 without a split)
 * @param earlyStopping whether part of the split's training part was held out to stop training early
 *     (the CLI holds out a random tenth, seeded {@code splitSeed + 1}); false without a split
 * @param configuration the named configuration or config file the model was trained as, e.g.
 *     {@code "mf"}, or {@code null}
 * @param embedrecVersion the embedrec version that trained the model, or {@code null} when unknown
 *     (files written before it was recorded)
 * @param ratingScale the min..max of the ratings the model was fitted on, which bounds the ratings a
 *     fold-in profile may give ({@link FoldInRecommender#ratingScale()}), or {@code null} when unknown
 *     (files written before it was recorded)
 * @param retraining how {@code embedrec retrain} made the model from an earlier one and an interaction
 *     store, or {@code null} for a model trained from its data alone
 */
public record Provenance(String dataFingerprint, String dataSource, String split, long splitSeed,
        boolean earlyStopping, String configuration, String embedrecVersion, RatingScale ratingScale,
        Retraining retraining) {
    /** The version of this embedrec, as Maven built it; {@code null} if the build did not record it. */
    public static final String CURRENT_VERSION = readVersion();

    public Provenance {
        Objects.requireNonNull(dataFingerprint, "dataFingerprint");
        if (split == null && (splitSeed != 0 || earlyStopping)) {
            throw new IllegalArgumentException("a split seed (" + splitSeed + ") or early stopping (" + earlyStopping
                    + ") needs a split");
        }
    }

    /** A provenance without a retraining record. */
    public Provenance(String dataFingerprint, String dataSource, String split, long splitSeed, boolean earlyStopping,
            String configuration, String embedrecVersion, RatingScale ratingScale) {
        this(dataFingerprint, dataSource, split, splitSeed, earlyStopping, configuration, embedrecVersion, ratingScale,
                null);
    }

    /** A fingerprint and this embedrec's version, with no rating scale recorded. */
    public static Provenance of(String dataFingerprint) {
        return new Provenance(dataFingerprint, null, null, 0, false, null, CURRENT_VERSION, null);
    }

    /** What a trainer knows: the training data's fingerprint and rating range, and this embedrec's version. */
    public static Provenance of(Ratings train) {
        return new Provenance(train.fingerprint(), null, null, 0, false, null, CURRENT_VERSION, RatingScale.of(train));
    }

    /** Whether a split is recorded, so that the training and test parts can be rebuilt. */
    public boolean hasSplit() {
        return split != null;
    }

    /** The same provenance with the data loaded from {@code source}. */
    public Provenance withDataSource(String source) {
        return new Provenance(dataFingerprint, source, split, splitSeed, earlyStopping, configuration, embedrecVersion, ratingScale,
                retraining);
    }

    /** The same provenance with this split recorded. */
    public Provenance withSplit(String spec, long seed, boolean heldOutForEarlyStopping) {
        Objects.requireNonNull(spec, "spec");
        return new Provenance(dataFingerprint, dataSource, spec, seed, heldOutForEarlyStopping, configuration,
                embedrecVersion, ratingScale, retraining);
    }

    /** The same provenance with the configuration's name recorded. */
    public Provenance withConfiguration(String name) {
        return new Provenance(dataFingerprint, dataSource, split, splitSeed, earlyStopping, name, embedrecVersion, ratingScale,
                retraining);
    }

    /** The same provenance with this retraining record. */
    public Provenance withRetraining(Retraining record) {
        return new Provenance(dataFingerprint, dataSource, split, splitSeed, earlyStopping, configuration, embedrecVersion,
                ratingScale, record);
    }

    /** The model's version: 1 without a retraining record, else the record's. */
    public int version() {
        return retraining == null ? 1 : retraining.version();
    }

    private static String readVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/org/embedrec/embedrec.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            // An unfiltered resource (a build that skipped Maven's resource step) still holds the placeholder.
            return version == null || version.isBlank() || version.contains("${") ? null : version.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedrec.properties", e);
        }
    }
}
