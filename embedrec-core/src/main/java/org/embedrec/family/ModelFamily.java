package org.embedrec.family;

import java.util.List;
import org.embedrec.io.ModelCodec;

/**
 * A model family: the configurations users train by name (its {@link Preset}s) and the codecs that
 * store its model kinds in model files. Each family lives in one package of its own under
 * {@code org.embedrec.family} (trainer, options, model, codec, fold-in) and is registered with one
 * line, its class name, in {@code META-INF/services/org.embedrec.family.ModelFamily}; a family in
 * another jar registers the same way. {@link ModelFamilies} finds them all.
 */
public interface ModelFamily {
    /** The named configurations, in the order users see them; the first is the family's default. */
    List<Preset<?>> presets();

    /** The codecs of the model kinds the family's trainers produce. */
    List<ModelCodec<?>> codecs();
}
