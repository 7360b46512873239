package org.embedrec.family.ease;

import java.util.List;
import java.util.Map;
import org.embedrec.family.ModelFamily;
import org.embedrec.family.Preset;
import org.embedrec.io.ModelCodec;

/** Embarrassingly shallow autoencoders: {@code ease}. */
public final class EaseFamily implements ModelFamily {
    @Override
    public List<Preset<?>> presets() {
        return List.of(Preset.of("ease", "EASE (Steck 2019): closed-form item-item weights with a zero diagonal;"
                + " dense, for catalogues up to maxItems items", EaseTrainer.Options.TABLE, EaseTrainer.Options.defaults(),
                Map.of(), EaseTrainer::new));
    }

    @Override
    public List<ModelCodec<?>> codecs() {
        return List.of(new EaseCodec());
    }
}
