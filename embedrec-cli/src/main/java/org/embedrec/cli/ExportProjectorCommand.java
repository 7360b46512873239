package org.embedrec.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.embedrec.analysis.ProjectorExport;
import org.embedrec.analysis.ProjectorTensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code embedrec analyze export-projector}: files for the TensorBoard Embedding Projector. */
@Command(name = "export-projector",
        description = "Write tensors.tsv, metadata.tsv and projector_config.pbtxt (item, user and genre embeddings) for the Embedding Projector.")
final class ExportProjectorCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file")
    Path model;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "folder to write into")
    Path out;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "10",
            description = "only export items with at least N training ratings (default ${DEFAULT-VALUE})")
    int minRatings;

    @Override
    public Integer call() throws Exception {
        AnalysisTarget target = AnalysisTarget.load(model);
        int[] counts = target.itemCounts();
        List<ProjectorTensor> tensors = ProjectorExport.tensorsOf(target.model(), counts, null,
                item -> counts[item] >= minRatings);
        ProjectorExport.write(out, tensors);
        for (ProjectorTensor tensor : tensors) {
            System.out.printf("%s: %d x %d%n", tensor.name(), tensor.table().rows(), tensor.table().dimensions());
        }
        System.out.println("wrote " + out.resolve(ProjectorExport.CONFIG_FILE) + "; open with: tensorboard --logdir " + out
                + ", or load tensors.tsv and metadata.tsv at projector.tensorflow.org");
        return 0;
    }
}
