package org.embedrec.family.bpmf;

import java.util.List;
import java.util.Map;
import org.embedrec.family.ModelFamily;
import org.embedrec.family.Preset;
import org.embedrec.io.ModelCodec;

/** Bayesian probabilistic matrix factorization: {@code bpmf}. */
public final class BpmfFamily implements ModelFamily {
    @Override
    public List<Preset<?>> presets() {
        return List.of(Preset.of("bpmf", "Bayesian probabilistic matrix factorization (Salakhutdinov & Mnih 2008) with"
                + " biases: Gibbs sampling under Normal-Wishart hyperpriors, predictions averaged over kept samples",
                BpmfTrainer.Options.TABLE, BpmfTrainer.Options.defaults(), Map.of(), BpmfTrainer::new));
    }

    @Override
    public List<ModelCodec<?>> codecs() {
        return List.of(new BpmfCodec());
    }
}
