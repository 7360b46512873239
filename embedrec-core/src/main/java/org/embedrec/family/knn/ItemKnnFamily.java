package org.embedrec.family.knn;

import java.util.List;
import java.util.Map;
import org.embedrec.family.ModelFamily;
import org.embedrec.family.Preset;
import org.embedrec.io.ModelCodec;

/** Item-based nearest neighbours: {@code item-knn}. */
public final class ItemKnnFamily implements ModelFamily {
    @Override
    public List<Preset<?>> presets() {
        return List.of(Preset.of("item-knn", "item-based nearest neighbours: cosine with shrinkage over the users who"
                + " liked both items", ItemKnnTrainer.Options.TABLE, ItemKnnTrainer.Options.defaults(), Map.of(),
                ItemKnnTrainer::new));
    }

    @Override
    public List<ModelCodec<?>> codecs() {
        return List.of(new ItemKnnCodec());
    }
}
