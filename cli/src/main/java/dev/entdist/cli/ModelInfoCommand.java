package dev.entdist.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.features.ExplainedFeature;
import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.serve.JsonAnswers;
import dev.entdist.trainer.Provenance;
import dev.entdist.trainer.SoftmaxModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code entdist model info}: provenance, labels, inventories and top features of a model. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show where a model came from (provenance), its labels, the label inventory of every"
          + " training word, and the features with the largest weights for each label.",
      "",
      "The model stores weights by feature id (a hash bucket), not by feature name. With"
          + " --corpus FILE the ids are named by the features of FILE's occurrences that hash to"
          + " them (several names can share a bucket; a name with sign −1 enters with −1)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist model info cell.model",
      "  entdist model info cell.model --corpus split/train.jsonl --top 10",
      "  entdist model info cell.model --json"})
final class ModelInfoCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = "Model file written by 'entdist train'.")
  Path modelFile;

  @Option(names = "--top", paramLabel = "K", defaultValue = "5",
      description = "Features shown per label (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--corpus", paramLabel = "FILE",
      description = "Name the top features from this corpus's occurrences (for example the"
          + " training corpus, or 'bundled').")
  String corpus;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (top < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--top must be >= 0");
    }
    SoftmaxModel model = ModelFiles.read(modelFile);
    FeatureConfig config = model.featureConfigJson() == null ? null
        : ModelFiles.featureConfig(model, modelFile, "model info");
    List<List<TopFeatures.Entry>> tops = TopFeatures.of(model, top);
    Map<Integer, Set<String>> names = corpus == null ? Map.of() : names(model, tops);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.println(out, json(model, config, tops, names));
    } else {
      print(out, model, config, tops, names);
    }
    return 0;
  }

  /** Feature id → names (with a leading − for sign −1) of the corpus features that hash there. */
  private Map<Integer, Set<String>> names(SoftmaxModel model, List<List<TopFeatures.Entry>> tops)
      throws Exception {
    Set<Integer> wanted = new TreeSet<>();
    tops.forEach(l -> l.forEach(e -> wanted.add(e.id())));
    Corpus data = CorpusFiles.read(corpus, ReadOptions.defaults());
    Progress.note(spec, "naming features from " + data.size() + " occurrences of "
        + data.source());
    Map<Integer, Set<String>> names = new TreeMap<>();
    try (FeaturePipeline pipeline = ModelFiles.pipeline(model, modelFile, "naming features")) {
      for (AnnotatedExample e : data.examples()) {
        for (ExplainedFeature f : pipeline.explainIndexed(e)) {
          if (wanted.contains(f.index())) {
            names.computeIfAbsent(f.index(), i -> new TreeSet<>())
                .add(f.value() < 0 ? "−" + f.name() : f.name());
          }
        }
      }
    }
    return names;
  }

  private ObjectNode json(SoftmaxModel model, FeatureConfig config,
      List<List<TopFeatures.Entry>> tops, Map<Integer, Set<String>> names) throws Exception {
    ObjectNode o = Json.object();
    o.put("file", modelFile.toString());
    o.put("bytes", Files.size(modelFile));
    o.set("provenance", JsonAnswers.provenance(model.provenance()));
    ArrayNode labels = o.putArray("labels");
    model.labels().forEach(labels::add);
    ArrayNode noMass = o.putArray("labels_without_mass");
    model.labelsWithoutMass().forEach(noMass::add);
    o.put("features", model.numFeatures());
    o.put("restricted", model.restricted());
    Json.put(o, "delta", model.delta());
    Json.put(o, "unrestricted_weight", model.unrestrictedWeight());
    Json.put(o, "temperature", model.temperature());
    if (config == null) {
      o.putNull("feature_config");
    } else {
      JsonNode fc = Json.MAPPER.readTree(model.featureConfigJson());
      o.set("feature_config", fc);
    }
    ObjectNode inv = o.putObject("inventories");
    model.inventories().forEach((w, l) -> l.forEach(inv.putArray(w)::add));
    ArrayNode summarised = o.putArray("summarised_words");
    model.wordSummaries().keySet().forEach(summarised::add);
    ObjectNode tf = o.putObject("top_features");
    for (int j = 0; j < tops.size(); j++) {
      ArrayNode a = tf.putArray(model.labels().get(j));
      for (TopFeatures.Entry e : tops.get(j)) {
        ObjectNode n = a.addObject();
        n.put("id", e.id());
        Json.put(n, "weight", e.weight());
        if (corpus != null) {
          ArrayNode nn = n.putArray("names");
          names.getOrDefault(e.id(), Set.of()).forEach(nn::add);
        }
      }
    }
    return o;
  }

  private void print(PrintWriter out, SoftmaxModel model, FeatureConfig config,
      List<List<TopFeatures.Entry>> tops, Map<Integer, Set<String>> names) throws Exception {
    Provenance p = model.provenance();
    out.printf(Locale.ROOT, "Model %s (%,d bytes)%n%n", modelFile, Files.size(modelFile));
    out.println("Provenance:");
    Table t = new Table("", "").leftAligned(1);
    t.row("training data", String.valueOf(p.corpusChecksum()));
    t.row("regime", String.valueOf(p.regime()));
    t.row("λ", Numbers.compact(p.lambda()));
    t.row("seed", Long.toString(p.seed()));
    t.row("optimizer", p.optimizer());
    t.row("iterations", p.iterations() + (p.converged() ? " (converged)" : " (not converged)"));
    t.row("final objective", String.format(Locale.ROOT, "%.6f", p.finalObjective()));
    t.row("entdist", p.entdistVersion());
    StringBuilder deps = new StringBuilder();
    p.dependencyVersions().forEach((k, v) -> deps.append(deps.length() == 0 ? "" : ", ")
        .append(k).append(' ').append(v));
    t.row("libraries", deps.toString());
    t.row("trained", p.date());
    t.print(out);
    out.println();
    if (config == null) {
      out.println("Features: none stored (trained on a feature directory); "
          + model.numFeatures() + " feature ids carry weights.");
    } else {
      out.printf(Locale.ROOT, "Features: %s, window %d, affixes up to %d, generators %s;"
          + " %,d of them carry weights.%n",
          config.indexing() == FeatureConfig.Indexing.HASH
              ? "hashed into 2^" + config.hashBits() + " buckets"
              : "vocabulary of " + config.vocabulary().size(),
          config.window(), config.affixLength(), String.join(",", config.generators()),
          model.numFeatures());
    }
    out.println(model.restricted()
        ? String.format(Locale.ROOT, "Inventories: restricted; labels outside a word's inventory"
            + " share δ = %s.", Numbers.compact(model.delta()))
        : "Inventories: not restricted; every label competes for every word.");
    if (model.restricted() && model.unrestrictedWeight() > 0) {
      out.printf(Locale.ROOT, "  Restricted predictions mix in the prediction over all labels"
          + " with weight %s (chosen on held-out rows).%n",
          Numbers.compact(model.unrestrictedWeight()));
    }
    out.println(model.temperature() == 1.0
        ? "Temperature: 1 (not calibrated)."
        : String.format(Locale.ROOT, "Temperature: %s (calibrated: every logit is divided by"
            + " it).", Numbers.compact(model.temperature())));
    out.printf(Locale.ROOT, "%nLabels (%d): %s%n", model.labels().size(),
        String.join(", ", model.labels()));
    if (!model.labelsWithoutMass().isEmpty()) {
      out.printf(Locale.ROOT, "Labels without training mass (%d, declared with --labels; the"
          + " model gives them little probability): %s%n", model.labelsWithoutMass().size(),
          String.join(", ", model.labelsWithoutMass()));
    }
    Map<String, List<String>> inventories = model.inventories();
    if (!inventories.isEmpty()) {
      out.printf(Locale.ROOT, "%nLabels seen with each training word (%d words):%n",
          inventories.size());
      Table inv = new Table("", "").leftAligned(1);
      inventories.forEach((w, l) -> inv.row(w, String.join(", ", l)));
      inv.print(out);
    }
    out.printf(Locale.ROOT, "%nType-level distributions stored for %d words (see 'entdist query"
        + " --model %s WORD').%n", model.wordSummaries().size(), modelFile);
    if (top > 0) {
      out.printf(Locale.ROOT, "%nLargest weights W[label, feature id] per label%s:%n",
          corpus == null ? " (name them with --corpus FILE)" : ", named from " + corpus);
      for (int j = 0; j < tops.size(); j++) {
        out.println("  " + model.labels().get(j));
        Table f = new Table("", "", "").leftAligned(2);
        for (TopFeatures.Entry e : tops.get(j)) {
          f.row("  #" + e.id(), String.format(Locale.ROOT, "%+.3f", e.weight()),
              corpus == null ? "" : String.join("  ", names.getOrDefault(e.id(),
                  Set.of("(no feature of " + corpus + " hashes here)"))));
        }
        f.print(out);
      }
    }
    out.flush();
  }
}
