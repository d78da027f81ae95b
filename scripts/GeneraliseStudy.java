/*
 * Held-out measurements of levers other than the feature set (docs/evaluation.md, "Defaults that
 * generalise"): the scaling of each occurrence's feature vector, a feature frequency cut-off,
 * the λ of the final fit, a finer λ grid, and a mixture with the training label prior. Features
 * are the default configuration's, computed once per generator; every variant then trains as
 * `entdist train` does (the λ search over whole sentences, then the final fit) on vectors
 * transformed by the variant.
 *
 *   java -cp cli/target/entdist.jar scripts/GeneraliseStudy.java TRAIN TEST [DEV]
 *   java -cp cli/target/entdist.jar scripts/GeneraliseStudy.java TRAIN TEST [DEV] --nested
 *
 * Without --nested, one line per vector variant: `cv_kl` is the search's held-out KL at its
 * chosen λ (a figure of TRAIN alone), `test_kl` (and `dev_kl`) the final model's mean KL on TEST
 * (and DEV). Vector variants: none (the default); l2 (each vector divided by its L2 norm); group
 * (each generator's features divided by the square root of their number, so that every
 * generator present has norm 1); ngrams (only the character n-grams so scaled); binary (values
 * clipped to ±1); df2 (indices seen in fewer than two training occurrences dropped; the cut-off
 * is taken on all of TRAIN, so its `cv_kl` flatters it slightly).
 *
 * With --nested (vectors of --variant=V, default none), the training sentences are cut into 5
 * parts (seed 1); for each part, the search and the final fit run on the other four and the part
 * scores four choices: the final fit at the chosen λ (`held_kl`), at 2/3 of it (the search's
 * folds hold 2/3 of the rows the final fit sees), mixed with the training label prior by the
 * weight of {0, 0.01, ..., 0.5} that minimises the KL on a 3-fold split (whole sentences, seed 7)
 * of the four parts at the chosen λ, and at the λ of the same search on a grid of four values a
 * decade (1, 1.78, 3.16, 5.62). The `nested_kl*` means over the five parts come from TRAIN
 * alone; the same four are then reported on TEST (and DEV) for models trained on all of TRAIN.
 */

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.corpora.WeightedTarget;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.pipeline.Monitor;
import dev.entdist.pipeline.TrainSettings;
import dev.entdist.pipeline.TrainedModel;
import dev.entdist.pipeline.Training;
import dev.entdist.trainer.Evaluation;
import dev.entdist.trainer.LambdaSearch;
import dev.entdist.trainer.ReferenceAlignment;
import dev.entdist.trainer.SoftmaxModel;
import dev.entdist.trainer.TrainingData;
import dev.entdist.trainer.UnknownLabelPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

public class GeneraliseStudy {

  static final double[] BETAS = {0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5};

  /** Per occurrence: generator name → that generator's vector. */
  static Map<AnnotatedExample, Map<String, SparseVector>> parts = new HashMap<>();

  public static void main(String[] args) throws Exception {
    boolean nested = false;
    String nestedVariant = "none";
    List<String> files = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--nested")) {
        nested = true;
      } else if (a.startsWith("--variant=")) {
        nestedVariant = a.substring(10);
      } else {
        files.add(a);
      }
    }
    Corpus train = CorpusFiles.read(files.get(0), ReadOptions.defaults());
    Corpus test = CorpusFiles.read(files.get(1), ReadOptions.defaults());
    Corpus dev = files.size() > 2 ? CorpusFiles.read(files.get(2), ReadOptions.defaults()) : null;
    List<AnnotatedExample> all = new ArrayList<>(train.examples());
    all.addAll(test.examples());
    if (dev != null) {
      all.addAll(dev.examples());
    }
    FeatureConfig config = FeatureConfig.defaults();
    for (String g : config.generators()) {
      try (FeaturePipeline p = FeaturePipeline.create(config.withGenerators(Set.of(g)))) {
        List<SparseVector> v = p.vectorize(all, 2);
        for (int i = 0; i < all.size(); i++) {
          parts.computeIfAbsent(all.get(i), e -> new TreeMap<>()).put(g, v.get(i));
        }
      }
    }
    String head = String.format(Locale.ROOT, "\"train\":\"%s\",\"test\":\"%s\"", files.get(0),
        files.get(1));
    if (!nested) {
      for (String variant : List.of("none", "l2", "group", "ngrams", "binary", "df2")) {
        Function<AnnotatedExample, SparseVector> f = transform(variant, train.examples());
        TrainedModel m = Training.train(train, vectors(train, f),
            TrainSettings.defaults().withLambdaAuto(true), Monitor.SILENT, Training.LOCAL);
        LambdaSearch.Result s = m.search();
        double cv = s.heldOutKl().get(s.grid().indexOf(s.chosen()));
        SoftmaxModel model = m.model().softmax();
        System.out.println(String.format(Locale.ROOT,
            "{%s,\"variant\":\"%s\",\"lambda\":%s,\"cv_kl\":%.4f,\"test_kl\":%.4f,\"dev_kl\":%.4f,"
            + "\"converged\":%b}", head, variant, s.chosen(), cv, kl(model, test, f, 0, null),
            dev == null ? Double.NaN : kl(model, dev, f, 0, null), m.stats().converged()));
      }
      return;
    }
    Function<AnnotatedExample, SparseVector> f = transform(nestedVariant, train.examples());
    head += ",\"variant\":\"" + nestedVariant + "\"";
    List<List<AnnotatedExample>> outer = sentenceParts(train.examples(), 5, 1);
    double[] sum = new double[4];
    for (int k = 0; k < outer.size(); k++) {
      List<AnnotatedExample> in = new ArrayList<>();
      for (int j = 0; j < outer.size(); j++) {
        if (j != k) {
          in.addAll(outer.get(j));
        }
      }
      Corpus inner = new Corpus("inner", in);
      Corpus held = new Corpus("held", outer.get(k));
      double[] r = threeWays(inner, f, held);
      for (int i = 0; i < 3; i++) {
        sum[i] += r[i] / outer.size();
      }
      sum[3] += r[5] / outer.size();
      System.out.println(String.format(Locale.ROOT,
          "{%s,\"outer\":%d,\"held_kl\":%.4f,\"held_kl_two_thirds\":%.4f,\"held_kl_prior\":%.4f,"
          + "\"lambda\":%s,\"beta\":%s,\"held_kl_fine\":%.4f,\"fine_lambda\":%.3g}", head, k, r[0],
          r[1], r[2], r[3], r[4], r[5], r[6]));
    }
    double[] t = threeWays(train, f, test);
    double[] d = dev == null ? null : threeWays(train, f, dev);
    System.out.println(String.format(Locale.ROOT,
        "{%s,\"nested_kl\":%.4f,\"nested_kl_two_thirds\":%.4f,\"nested_kl_prior\":%.4f,"
        + "\"test_kl\":%.4f,\"test_kl_two_thirds\":%.4f,\"test_kl_prior\":%.4f,\"lambda\":%s,"
        + "\"beta\":%s,\"nested_kl_fine\":%.4f,\"test_kl_fine\":%.4f,\"fine_lambda\":%.3g%s}",
        head, sum[0], sum[1], sum[2], t[0], t[1], t[2], t[3], t[4], sum[3], t[5], t[6],
        d == null ? "" : String.format(Locale.ROOT,
            ",\"dev_kl\":%.4f,\"dev_kl_two_thirds\":%.4f,\"dev_kl_prior\":%.4f,"
            + "\"dev_kl_fine\":%.4f", d[0], d[1], d[2], d[5])));
  }

  /**
   * Trains on {@code train} as `entdist train` does and scores {@code held}: the model, the
   * model refitted at 2/3 of the chosen λ, and the model mixed with the label prior; then the
   * chosen λ and the mixing weight.
   */
  static double[] threeWays(Corpus train, Function<AnnotatedExample, SparseVector> f,
      Corpus held) {
    Map<AnnotatedExample, SparseVector> x = vectors(train, f);
    TrainedModel m = Training.train(train, x, TrainSettings.defaults().withLambdaAuto(true),
        Monitor.SILENT, Training.LOCAL);
    double lambda = m.search().chosen();
    TrainSettings fixed = TrainSettings.defaults();
    TrainedModel smaller = Training.train(train, x,
        fixed.withTrainer(fixed.trainer().withLambda(lambda * 2 / 3)), Monitor.SILENT,
        Training.LOCAL);
    // the mixing weight: 3 folds of whole sentences at the chosen λ
    List<List<AnnotatedExample>> folds = sentenceParts(train.examples(), 3, 7);
    List<String> labels = m.model().labels();
    double[] bestSum = new double[BETAS.length];
    for (int k = 0; k < folds.size(); k++) {
      List<AnnotatedExample> in = new ArrayList<>();
      for (int j = 0; j < folds.size(); j++) {
        if (j != k) {
          in.addAll(folds.get(j));
        }
      }
      Corpus inner = new Corpus("fold", in);
      TrainedModel fm = Training.train(inner, x,
          fixed.withTrainer(fixed.trainer().withLambda(lambda))
              .withDeclaredLabels(labels), Monitor.SILENT, Training.LOCAL);
      double[] prior = prior(inner, labels);
      for (int b = 0; b < BETAS.length; b++) {
        bestSum[b] += kl(fm.model().softmax(), new Corpus("f", folds.get(k)), f, BETAS[b], prior)
            * folds.get(k).size();
      }
    }
    int best = 0;
    for (int b = 1; b < BETAS.length; b++) {
      if (bestSum[b] < bestSum[best]) {
        best = b;
      }
    }
    // the finer grid: four values a decade, the same path and folds
    double fineLambda = fineSearch(train, x, labels);
    TrainedModel fine = Training.train(train, x,
        fixed.withTrainer(fixed.trainer().withLambda(fineLambda)), Monitor.SILENT,
        Training.LOCAL);
    return new double[] {kl(m.model().softmax(), held, f, 0, null),
        kl(smaller.model().softmax(), held, f, 0, null),
        kl(m.model().softmax(), held, f, BETAS[best], prior(train, labels)), lambda,
        BETAS[best], kl(fine.model().softmax(), held, f, 0, null), fineLambda};
  }

  static final List<Double> FINE_GRID = new ArrayList<>();

  static {
    for (int e = -6; e <= -1; e++) {
      for (double m : e == -1 ? new double[] {1} : new double[] {1, 1.778, 3.162, 5.623}) {
        FINE_GRID.add(m * Math.pow(10, e));
      }
    }
  }

  /** The λ the search chooses on {@link #FINE_GRID}, with the rows and folds `train` uses. */
  static double fineSearch(Corpus train, Map<AnnotatedExample, SparseVector> x,
      List<String> labels) {
    TrainSettings s = TrainSettings.defaults();
    List<WeightedTarget> rows = s.regime().apply(train.examples(), labels, null,
        s.trainer().seed());
    List<SparseVector> xs = new ArrayList<>();
    double[][] y = new double[rows.size()][];
    double[] w = new double[rows.size()];
    List<String> groups = new ArrayList<>();
    int[] sentences = new int[rows.size()];
    Map<String, Integer> numbers = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      WeightedTarget row = rows.get(i);
      xs.add(x.get(row.example()));
      y[i] = row.target();
      w[i] = row.weight();
      groups.add(row.example().word());
      sentences[i] = numbers.computeIfAbsent(row.example().text(), t -> numbers.size());
    }
    TrainingData data = TrainingData.of(labels, xs, y, w, groups);
    return LambdaSearch.search(data, s.trainer(), FINE_GRID, Training.LAMBDA_FOLDS, sentences)
        .chosen();
  }

  static double[] prior(Corpus c, List<String> labels) {
    double[][] refs = ReferenceAlignment.align(labels,
        c.examples().stream().map(AnnotatedExample::labels).toList(),
        UnknownLabelPolicy.SKIP).references();
    double[] p = new double[labels.size()];
    for (double[] r : refs) {
      for (int j = 0; j < p.length; j++) {
        p[j] += r[j] / refs.length;
      }
    }
    return p;
  }

  /** Mean KL of {@code model}'s predictions, mixed with {@code prior} by beta, on {@code c}. */
  static double kl(SoftmaxModel model, Corpus c, Function<AnnotatedExample, SparseVector> f,
      double beta, double[] prior) {
    ReferenceAlignment.Aligned a = ReferenceAlignment.align(model.labels(),
        c.examples().stream().map(AnnotatedExample::labels).toList(), UnknownLabelPolicy.SKIP);
    List<AnnotatedExample> kept = a.keep(c.examples());
    double[][] p = model.predictAll(kept.stream().map(f).toList(),
        kept.stream().map(AnnotatedExample::word).toList());
    if (beta > 0) {
      for (double[] row : p) {
        for (int j = 0; j < row.length; j++) {
          row[j] = (1 - beta) * row[j] + beta * prior[j];
        }
      }
    }
    return Evaluation.evaluate(a.references(), p).meanKl();
  }

  static Map<AnnotatedExample, SparseVector> vectors(Corpus c,
      Function<AnnotatedExample, SparseVector> f) {
    Map<AnnotatedExample, SparseVector> out = new HashMap<>();
    for (AnnotatedExample e : c.examples()) {
      out.put(e, f.apply(e));
    }
    return out;
  }

  /** The examples cut into {@code k} parts of whole sentences (texts), shuffled with seed. */
  static List<List<AnnotatedExample>> sentenceParts(List<AnnotatedExample> examples, int k,
      long seed) {
    LinkedHashMap<String, List<AnnotatedExample>> byText = new LinkedHashMap<>();
    for (AnnotatedExample e : examples) {
      byText.computeIfAbsent(e.text(), t -> new ArrayList<>()).add(e);
    }
    List<List<AnnotatedExample>> groups = new ArrayList<>(byText.values());
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = groups.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      List<AnnotatedExample> t = groups.get(i);
      groups.set(i, groups.get(j));
      groups.set(j, t);
    }
    List<List<AnnotatedExample>> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(new ArrayList<>());
    }
    int seen = 0;
    for (List<AnnotatedExample> g : groups) {
      out.get((int) Math.min(k - 1, (long) seen * k / examples.size())).addAll(g);
      seen += g.size();
    }
    return out;
  }

  static Function<AnnotatedExample, SparseVector> transform(String variant,
      List<AnnotatedExample> train) {
    Map<Integer, Integer> df = new HashMap<>();
    if (variant.equals("df2")) {
      for (AnnotatedExample e : train) {
        for (int i : sum(parts.get(e), g -> 1.0).indices()) {
          df.merge(i, 1, Integer::sum);
        }
      }
    }
    return e -> {
      Map<String, SparseVector> p = parts.get(e);
      switch (variant) {
        case "none":
          return sum(p, g -> 1.0);
        case "l2": {
          SparseVector v = sum(p, g -> 1.0);
          double n = Math.sqrt(Arrays.stream(v.values()).map(x -> x * x).sum());
          return scale(v, n > 0 ? 1 / n : 1);
        }
        case "group":
          return sum(p, g -> 1 / Math.sqrt(Math.max(1, p.get(g).nnz())));
        case "ngrams":
          return sum(p, g -> g.equals("char-ngrams")
              ? 1 / Math.sqrt(Math.max(1, p.get(g).nnz())) : 1.0);
        case "binary": {
          SparseVector v = sum(p, g -> 1.0);
          double[] vals = v.values();
          for (int i = 0; i < vals.length; i++) {
            vals[i] = Math.signum(vals[i]);
          }
          return SparseVector.of(v.indices(), vals);
        }
        case "df2": {
          SparseVector v = sum(p, g -> 1.0);
          List<Integer> keep = new ArrayList<>();
          for (int i = 0; i < v.nnz(); i++) {
            if (df.getOrDefault(v.index(i), 0) >= 2) {
              keep.add(i);
            }
          }
          int[] idx = new int[keep.size()];
          double[] val = new double[keep.size()];
          for (int i = 0; i < idx.length; i++) {
            idx[i] = v.index(keep.get(i));
            val[i] = v.value(keep.get(i));
          }
          return SparseVector.of(idx, val);
        }
        default:
          throw new IllegalArgumentException(variant);
      }
    };
  }

  static SparseVector scale(SparseVector v, double s) {
    double[] vals = v.values();
    for (int i = 0; i < vals.length; i++) {
      vals[i] *= s;
    }
    return SparseVector.of(v.indices(), vals);
  }

  /** The sum of the generators' vectors, each multiplied by its weight. */
  static SparseVector sum(Map<String, SparseVector> p, Function<String, Double> weight) {
    TreeMap<Integer, Double> acc = new TreeMap<>();
    for (Map.Entry<String, SparseVector> e : p.entrySet()) {
      double w = weight.apply(e.getKey());
      SparseVector v = e.getValue();
      for (int i = 0; i < v.nnz(); i++) {
        acc.merge(v.index(i), w * v.value(i), Double::sum);
      }
    }
    acc.values().removeIf(x -> x == 0);
    int[] idx = acc.keySet().stream().mapToInt(Integer::intValue).toArray();
    double[] val = acc.values().stream().mapToDouble(Double::doubleValue).toArray();
    return SparseVector.of(idx, val);
  }
}
