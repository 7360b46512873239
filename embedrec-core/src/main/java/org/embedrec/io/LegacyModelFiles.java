package org.embedrec.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.model.Provenance;

/**
 * Reading model files written before provenance and the fold-in settings had their own fields. Such
 * files keep everything in {@code info.options}: the trainer's options, plus the command line's
 * {@code cli.data}, {@code cli.split}, {@code cli.splitSeed}, {@code cli.earlyStopping} and
 * {@code cli.model}; models then read their fold-in λ ({@code l2}, {@code biasL2}), positive
 * threshold ({@code positiveThreshold}) and loss ({@code loss}) from those options, which each
 * family's codec now reads as its fallback. The only place that knows the {@code cli.*} keys;
 * nothing writes them any more.
 */
final class LegacyModelFiles {
    /** The prefix of the entries the command line used to add to the options. */
    static final String CLI_PREFIX = "cli.";
    /** The split seed the command line used when a file recorded a split but no seed. */
    private static final long CLI_DEFAULT_SPLIT_SEED = 42L;

    private LegacyModelFiles() {
    }

    /** The options of an old file without its {@code cli.*} entries: the trainer's hyperparameters. */
    static Map<String, Object> hyperparameters(Map<String, Object> options) {
        Map<String, Object> hyperparameters = new LinkedHashMap<>(options);
        hyperparameters.keySet().removeIf(key -> key.startsWith(CLI_PREFIX));
        return hyperparameters;
    }

    /** The provenance an old file's {@code cli.*} entries describe; no embedrec version (it was not recorded). */
    static Provenance provenance(Map<String, Object> options, String dataFingerprint) {
        Provenance provenance = new Provenance(dataFingerprint, null, null, 0, false, null, null, null);
        if (options.get("cli.data") instanceof String source) {
            provenance = provenance.withDataSource(source);
        }
        if (options.get("cli.split") instanceof String split) {
            long seed = options.get("cli.splitSeed") instanceof Number n ? n.longValue() : CLI_DEFAULT_SPLIT_SEED;
            provenance = provenance.withSplit(split, seed, Boolean.TRUE.equals(options.get("cli.earlyStopping")));
        }
        if (options.get("cli.model") instanceof String name) {
            provenance = provenance.withConfiguration(name);
        }
        return provenance;
    }
}
