package org.embedrec.family;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.SearchSpace;

/**
 * The named model configurations a user can ask for ({@code train --config NAME}, {@code compare
 * --configs a,b}, config files): every {@link Preset} of every registered {@link ModelFamily}, such
 * as the tutorials' networks. Options given by the user override the preset's.
 */
public final class Trainers {
    private static final Map<String, Preset<?>> PRESETS = index();

    private Trainers() {
    }

    private static Map<String, Preset<?>> index() {
        Map<String, Preset<?>> presets = new LinkedHashMap<>();
        for (Preset<?> preset : ModelFamilies.presets()) {
            if (presets.put(preset.name(), preset) != null) {
                throw new IllegalStateException("two model families name a configuration '" + preset.name() + "'");
            }
        }
        return presets;
    }

    /**
     * A trainer for the named configuration with {@code options} over its preset.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones), or
     *     for an unknown or invalid option
     */
    public static RecommenderTrainer<?> create(String name, Map<String, ?> options) {
        return preset(name).create(options);
    }

    /** The known configuration names, in the order of {@link #describe}. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    /** One line saying what the named configuration is. */
    public static String describe(String name) {
        return preset(name).description();
    }

    /**
     * The named configuration.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Preset<?> preset(String name) {
        Preset<?> preset = PRESETS.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", names()));
        }
        return preset;
    }

    /**
     * Checks a {@code tune} search space against the named configuration's options.
     *
     * @throws IllegalArgumentException naming an unknown key, a range on a non-numeric option or a bad value
     */
    public static void check(SearchSpace space, String name) {
        preset(name).check(space);
    }
}
