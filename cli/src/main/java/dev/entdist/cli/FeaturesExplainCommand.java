package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.features.ExplainedFeature;
import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.pipeline.ContextOccurrence;
import dev.entdist.trainer.SoftmaxModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code entdist features explain}: the features of one occurrence, readable. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "List the features of WORD in a sentence: each feature string, the bucket it hashes to"
          + " and its sign.",
      "",
      "With --model the model's own feature configuration is used, and each feature's"
          + " contribution (sign × weight) to the logit of the label the model finds most"
          + " probable there is shown."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist features explain --context \"My cell died.\" cell",
      "  entdist features explain --model cell.model --context \"My cell died.\" cell"})
final class FeaturesExplainCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "WORD", description = "The word whose features to list.")
  String word;

  @Option(names = "--context", paramLabel = "SENTENCE", required = true,
      description = "A sentence containing WORD.")
  String context;

  @Option(names = "--occurrence", paramLabel = "N", defaultValue = "1",
      description = "Use the N-th occurrence of WORD in the sentence (1-based; default 1).")
  int occurrence;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "Use this model's feature configuration and show its weights.")
  Path modelFile;

  @Mixin FeatureOptions featureOptions;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SoftmaxModel model = null;
    FeatureConfig config;
    if (modelFile != null) {
      if (featureOptions.given()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--model brings its own"
            + " feature configuration: drop --hash-bits, --window and --opennlp-models");
      }
      model = ModelFiles.read(modelFile);
      config = ModelFiles.featureConfig(model, modelFile, "features explain");
    } else {
      config = featureOptions.config(spec.commandLine());
    }
    AnnotatedExample e;
    List<ExplainedFeature> features;
    double[] p = null;
    try (FeaturePipeline pipeline = FeaturePipeline.create(config)) {
      e = ContextOccurrence.find(pipeline, context, word, occurrence);
      features = pipeline.explainIndexed(e);
      if (model != null) {
        p = model.predict(pipeline.vectorize(e), e.word());
      }
    }
    int best = p == null ? -1 : QueryReport.order(p)[0];
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode o = Json.object();
      o.put("word", word);
      o.put("context", context);
      o.put("occurrence", occurrence);
      if (model != null) {
        o.put("label", model.labels().get(best));
        Json.put(o, "probability", p[best]);
      }
      ArrayNode a = o.putArray("features");
      for (ExplainedFeature f : features) {
        ObjectNode n = a.addObject();
        n.put("name", f.name());
        n.put("index", f.index());
        Json.put(n, "value", f.value());
        if (model != null && f.index() >= 0) {
          Json.put(n, "weight", model.weight(f.index(), best));
        }
      }
      Json.println(out, o);
      return 0;
    }
    out.printf(Locale.ROOT, "%s in \"%s\": %d features%s%n", e.target(), context,
        features.size(), model == null ? ""
            : String.format(Locale.ROOT, "; the model's most probable label is %s (%.1f%%)",
                model.labels().get(best), 100 * p[best]));
    Table t = model == null ? new Table("feature", "bucket", "sign")
        : new Table("feature", "bucket", "sign", "sign × weight for " + model.labels().get(best));
    for (ExplainedFeature f : features) {
      String bucket = f.index() < 0 ? "(not in vocabulary)" : Integer.toString(f.index());
      String sign = f.value() > 0 ? "+1" : f.value() < 0 ? "−1" : "0";
      if (model == null) {
        t.row(f.name(), bucket, sign);
      } else {
        t.row(f.name(), bucket, sign, f.index() < 0 ? "" : String.format(Locale.ROOT, "%+.4f",
            f.value() * model.weight(f.index(), best)));
      }
    }
    t.print(out);
    out.flush();
    return 0;
  }
}
