package org.embedrec.family;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.embedrec.io.ModelCodec;

/**
 * The registered {@link ModelFamily model families}, found once with {@link ServiceLoader} in the
 * order of their {@code META-INF/services/org.embedrec.family.ModelFamily} lines.
 */
public final class ModelFamilies {
    private static final List<ModelFamily> FAMILIES = load();

    private ModelFamilies() {
    }

    private static List<ModelFamily> load() {
        List<ModelFamily> families = new ArrayList<>();
        ServiceLoader.load(ModelFamily.class, ModelFamily.class.getClassLoader()).forEach(families::add);
        if (families.isEmpty()) {
            throw new IllegalStateException("no model family registered in META-INF/services/"
                    + ModelFamily.class.getName() + ": is the embedrec-core jar intact?");
        }
        return List.copyOf(families);
    }

    /** Every family, in registration order. */
    public static List<ModelFamily> all() {
        return FAMILIES;
    }

    /** Every family's presets, in registration order. */
    public static List<Preset<?>> presets() {
        return FAMILIES.stream().flatMap(family -> family.presets().stream()).toList();
    }

    /** Every family's codecs, in registration order. */
    public static List<ModelCodec<?>> codecs() {
        return FAMILIES.stream().flatMap(family -> family.codecs().stream()).toList();
    }
}
