package org.embedrec.family.als;

import java.util.List;
import java.util.Map;
import org.embedrec.family.ModelFamily;
import org.embedrec.family.Preset;
import org.embedrec.io.ModelCodec;

/** Alternating least squares for ratings: {@code als-wr}. */
public final class AlsFamily implements ModelFamily {
    @Override
    public List<Preset<?>> presets() {
        return List.of(Preset.of("als-wr", "ALS-WR (Zhou et al. 2008): biased matrix factorization by alternating"
                + " least squares, lambda weighted by each row's rating count; a fast explicit baseline",
                AlsTrainer.Options.TABLE, AlsTrainer.Options.defaults(), Map.of(), AlsTrainer::new)
                .withSearchSpace("regularization=0.07..0.3:log;dimensions=16,32,64"));
    }

    @Override
    public List<ModelCodec<?>> codecs() {
        return List.of(new AlsCodec());
    }
}
