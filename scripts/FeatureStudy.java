/*
 * Held-out measurements behind entdist's default features (docs/evaluation.md, "Defaults that
 * generalise"): for each feature setting, train on TRAIN exactly as `entdist train` does
 * (features, then the λ search over whole sentences with `--lambda auto`, or a fixed λ) and score
 * on TEST as `entdist evaluate` does. The λ search's held-out KL at its chosen λ is a figure of
 * TRAIN alone: a setting can be chosen by it without looking at TEST.
 *
 * Run with the entdist jar on the class path (Java's single-file launcher compiles this file):
 *
 *   ./entdist --version >/dev/null    # builds cli/target/entdist.jar when needed
 *   java -cp cli/target/entdist.jar scripts/FeatureStudy.java TRAIN TEST [--lambda L|auto] SETTING...
 *
 * A SETTING is NAME=CHANGES, CHANGES a list of items separated by ';': '+g' and '-g' add or
 * remove the generator g from the default set (`entdist features explain` lists their
 * features), 'only=g,h,...' sets exactly these generators, 'first' starts from the defaults
 * before character n-grams (FeatureConfig.firstDefaults(): their generators and window 2),
 * 'window=W', 'affix=A' and 'ngrams=MIN-MAX' set those lengths. 'default' alone (or an empty
 * list) is the default configuration. TRAIN and TEST are corpus files (or
 * 'bundled'). Every line of output is one JSON object.
 */

import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.features.FeatureConfig;
import dev.entdist.pipeline.HeldOutEvaluation;
import dev.entdist.pipeline.Monitor;
import dev.entdist.pipeline.TrainSettings;
import dev.entdist.pipeline.TrainedModel;
import dev.entdist.pipeline.Training;
import dev.entdist.trainer.LambdaSearch;
import dev.entdist.trainer.UnknownLabelPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

public class FeatureStudy {

  public static void main(String[] args) throws Exception {
    Corpus train = CorpusFiles.read(args[0], ReadOptions.defaults());
    Corpus test = CorpusFiles.read(args[1], ReadOptions.defaults());
    String lambda = "auto";
    List<String> settings = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--lambda")) {
        lambda = args[++i];
      } else {
        settings.add(args[i]);
      }
    }
    for (String s : settings) {
      int eq = s.indexOf('=');
      String name = eq < 0 ? s : s.substring(0, eq);
      FeatureConfig features = parse(eq < 0 ? "" : s.substring(eq + 1));
      TrainSettings ts = TrainSettings.defaults().withFeatures(features);
      ts = lambda.equals("auto") ? ts.withLambdaAuto(true)
          : ts.withTrainer(ts.trainer().withLambda(Double.parseDouble(lambda)));
      long t0 = System.nanoTime();
      TrainedModel m = Training.train(train, ts, Monitor.SILENT);
      double seconds = (System.nanoTime() - t0) / 1e9;
      HeldOutEvaluation.Result r = HeldOutEvaluation.evaluate(m.model(), test,
          HeldOutEvaluation.Settings.of(2).withUnknownLabels(UnknownLabelPolicy.SKIP));
      LambdaSearch.Result search = m.search();
      double cv = Double.NaN;
      double chosen = lambda.equals("auto") ? search.chosen() : Double.parseDouble(lambda);
      if (search != null) {
        cv = search.heldOutKl().get(search.grid().indexOf(search.chosen()));
      }
      System.out.println(String.format(Locale.ROOT, "{\"train\":\"%s\",\"test\":\"%s\","
          + "\"setting\":\"%s\",\"lambda\":%s,\"cv_kl\":%.4f,\"test_kl\":%.4f,\"top1\":%.4f,"
          + "\"features\":%d,\"converged\":%b,\"seconds\":%.1f,\"generators\":\"%s\","
          + "\"window\":%d,\"affix\":%d,\"ngrams\":\"%d-%d\"}",
          args[0], args[1], name, chosen, cv, r.metrics().meanKl(), r.metrics().top1(),
          m.model().softmax().numFeatures(), m.stats().converged(), seconds,
          String.join(",", features.generators()), features.window(), features.affixLength(),
          features.ngramMin(), features.ngramMax()));
    }
  }

  static FeatureConfig parse(String changes) {
    FeatureConfig c = FeatureConfig.defaults();
    TreeSet<String> gens = new TreeSet<>(c.generators());
    int window = c.window();
    int affix = c.affixLength();
    int ngramMin = c.ngramMin();
    int ngramMax = c.ngramMax();
    for (String item : changes.split(";")) {
      item = item.trim();
      if (item.isEmpty() || item.equals("default")) {
        continue;
      } else if (item.equals("first")) {
        gens = new TreeSet<>(FeatureConfig.FIRST_DEFAULT_GENERATORS);
        window = FeatureConfig.firstDefaults().window();
      } else if (item.startsWith("+")) {
        gens.add(item.substring(1));
      } else if (item.startsWith("-")) {
        gens.remove(item.substring(1));
      } else if (item.startsWith("only=")) {
        gens = new TreeSet<>(List.of(item.substring(5).split(",")));
      } else if (item.startsWith("window=")) {
        window = Integer.parseInt(item.substring(7));
      } else if (item.startsWith("ngrams=")) {
        String[] range = item.substring(7).split("-");
        ngramMin = Integer.parseInt(range[0]);
        ngramMax = Integer.parseInt(range[1]);
      } else if (item.startsWith("affix=")) {
        affix = Integer.parseInt(item.substring(6));
      } else {
        throw new IllegalArgumentException("unknown change '" + item + "'");
      }
    }
    return new FeatureConfig(c.hashBits(), window, gens, affix, ngramMin, ngramMax, c.hashSeed(),
        c.indexing(), c.minCount(), c.vocabulary(), c.modelDirectory());
  }
}
