package org.embedrec.family.svdpp;

import java.util.List;
import java.util.Map;
import org.embedrec.family.ModelFamily;
import org.embedrec.family.Preset;
import org.embedrec.io.ModelCodec;

/** SVD++: {@code svdpp}. */
public final class SvdppFamily implements ModelFamily {
    @Override
    public List<Preset<?>> presets() {
        return List.of(Preset.of("svdpp", "SVD++ (Koren 2008): biased MF whose user vector adds the implicit factors of"
                + " every item the user rated; SGD grouped by user", SvdppTrainer.Options.TABLE,
                SvdppTrainer.Options.defaults(), Map.of(), SvdppTrainer::new));
    }

    @Override
    public List<ModelCodec<?>> codecs() {
        return List.of(new SvdppCodec());
    }
}
