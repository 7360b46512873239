package org.embedrec.family.ials;

import java.util.List;
import java.util.Map;
import org.embedrec.family.ModelFamily;
import org.embedrec.family.Preset;
import org.embedrec.io.ModelCodec;

/** Implicit alternating least squares: {@code ials}. */
public final class IalsFamily implements ModelFamily {
    @Override
    public List<Preset<?>> presets() {
        return List.of(Preset.of("ials", "implicit ALS (Hu et al. 2008) with Rendle et al.'s 2021 recipe: positives fitted"
                + " to 1, every pair weighted alpha0 toward 0, regularization scaled by counts; exact or CG solves",
                IalsTrainer.Options.TABLE, IalsTrainer.Options.defaults(), Map.of(), IalsTrainer::new));
    }

    @Override
    public List<ModelCodec<?>> codecs() {
        return List.of(new IalsCodec());
    }
}
