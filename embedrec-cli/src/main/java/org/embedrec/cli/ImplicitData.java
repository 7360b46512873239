package org.embedrec.cli;

import java.util.List;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.family.Trainers;

/**
 * What training on implicit data (interactions without ratings) means for a model configuration: rating
 * models cannot learn from it and refuse, naming the ranking models that can; ranking models count every
 * interaction as positive (a threshold of 4 would drop most counts and weights) unless a threshold is set.
 */
final class ImplicitData {
    private ImplicitData() {
    }

    /**
     * The configuration to train on {@code data}: {@code config} itself for explicit data.
     *
     * @throws IllegalArgumentException for a rating model on implicit data, naming the ranking models
     */
    static ModelConfig adapt(ModelConfig config, Dataset data) {
        if (!data.implicit()) {
            return config;
        }
        if (config.trainer().positiveThreshold().isEmpty()) {
            throw new IllegalArgumentException(config.model() + " is a rating model, but " + data.name()
                    + " holds implicit interactions (no rating column), which it cannot learn from; train a ranking model: "
                    + String.join(", ", rankingModels()) + " (or map a rating column with --rating-col)");
        }
        return config.options().containsKey("positiveThreshold") ? config : config.with(Map.of("positiveThreshold", "all"));
    }

    /** The model names whose trainers learn from implicit feedback, in registry order. */
    static List<String> rankingModels() {
        return Trainers.names().stream().filter(name -> Trainers.create(name, Map.of()).positiveThreshold().isPresent()).toList();
    }
}
