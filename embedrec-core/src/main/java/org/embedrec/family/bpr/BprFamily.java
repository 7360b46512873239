package org.embedrec.family.bpr;

import java.util.List;
import java.util.Map;
import org.embedrec.family.ModelFamily;
import org.embedrec.family.Preset;
import org.embedrec.io.ModelCodec;

/** BPR for implicit feedback: {@code bpr}, the tutorials' {@code bpr-genres}, {@code bpr-warp} and {@code bpr-tutorial}. */
public final class BprFamily implements ModelFamily {
    @Override
    public List<Preset<?>> presets() {
        BprTrainer.Options defaults = BprTrainer.Options.defaults();
        return List.of(
                Preset.of("bpr", "BPR matrix factorization for implicit feedback (ratings >= 4 as positives by default)",
                        BprTrainer.Options.TABLE, defaults, Map.of(), BprTrainer::new),
                Preset.of("bpr-genres", "BPR with averaged genre-tag embeddings and an ELU, as the tutorials' triplet model",
                        GenreBprTrainer.TABLE, defaults, Map.of(), GenreBprTrainer::new),
                Preset.of("bpr-warp", "BPR-MF with WARP-style negatives (redrawn until one outranks the positive) and the"
                        + " 1 - sigmoid loss: better top 10", BprTrainer.Options.TABLE, defaults,
                        Map.of("negatives", NegativeSampling.WARP.name(), "loss", PairwiseLoss.ONE_MINUS_SIGMOID.name()),
                        BprTrainer::new),
                Preset.of("bpr-tutorial", "the Keras tutorials' BPR configuration: 100 dims, Adam 0.001, 10 epochs,"
                        + " uniform negatives, 1 - sigmoid loss", BprTrainer.Options.TABLE, BprTrainer.Options.tutorial(),
                        Map.of(), BprTrainer::new));
    }

    @Override
    public List<ModelCodec<?>> codecs() {
        return List.of(new BprCodec(), new GenreBprCodec());
    }
}
