/*
 * Held-out measurements behind the defaults of entdist (docs/evaluation.md): one program that
 * computes a corpus's features once and then trains and scores many settings on them.
 *
 * Run with the entdist jar on the class path (Java's single-file launcher compiles this file):
 *
 *   ./entdist --version >/dev/null    # builds cli/target/entdist.jar when needed
 *   java -cp cli/target/entdist.jar scripts/HeldOutStudy.java EXPERIMENT TRAIN TEST [DEV]
 *
 * EXPERIMENT is one of
 *   lambda     train on TRAIN with each λ of a grid, score on TEST
 *   calibrate  train with the default λ, fit a temperature on DEV (or, without DEV, on a 20 %
 *              sentence split of TRAIN), score TEST before and after
 *   selfcal    for each λ: hold out 20 % of TRAIN's sentences, fit the temperature there, train
 *              on all of TRAIN, apply the temperature, score TEST
 *   inventory  no restriction, restriction with δ = 1e-3, and InventoryMixing.choose on TRAIN
 *   heldout    hold out 20 % of TRAIN's sentences; for each λ of the grid train on the rest and
 *              fit a temperature on the held-out part; keep the λ with the lowest held-out KL
 *              (after its temperature), train on all of TRAIN with it, apply the temperature
 *   wordtemp   one temperature against one a word, both fitted on a 20 % sentence split of
 *              TRAIN (a word needs 20 held-out rows for its own), the model trained on the rest
 * TRAIN, TEST and DEV are corpus files (or 'bundled'). Every line of output is one JSON object.
 */

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusSplit;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.Evaluation;
import dev.entdist.trainer.FitStats;
import dev.entdist.trainer.InventoryMixing;
import dev.entdist.trainer.SoftmaxModel;
import dev.entdist.trainer.SoftmaxTrainer;
import dev.entdist.trainer.TemperatureScaling;
import dev.entdist.trainer.TrainerConfig;
import dev.entdist.trainer.TrainingData;
import dev.entdist.trainer.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

public class HeldOutStudy {

  /** Occurrences with their features, over a fixed label list. */
  record Rows(List<AnnotatedExample> examples, List<SparseVector> xs, List<String> words,
      double[][] refs) {
    static Rows of(List<AnnotatedExample> ex, FeaturePipeline pipeline, List<String> labels) {
      List<SparseVector> xs = pipeline.vectorize(ex, 2);
      List<String> words = new ArrayList<>();
      double[][] refs = new double[ex.size()][];
      for (int i = 0; i < ex.size(); i++) {
        words.add(ex.get(i).word());
        refs[i] = ex.get(i).distributionOver(labels);
      }
      return new Rows(ex, xs, words, refs);
    }

    TrainingData data(List<String> labels) {
      return TrainingData.of(labels, xs, refs, null, words);
    }

    Rows subset(List<AnnotatedExample> keep) {
      java.util.Set<AnnotatedExample> set = java.util.Collections.newSetFromMap(
          new java.util.IdentityHashMap<>());
      set.addAll(keep);
      List<AnnotatedExample> ex = new ArrayList<>();
      List<SparseVector> x = new ArrayList<>();
      List<String> w = new ArrayList<>();
      List<double[]> r = new ArrayList<>();
      for (int i = 0; i < examples.size(); i++) {
        if (set.contains(examples.get(i))) {
          ex.add(examples.get(i));
          x.add(xs.get(i));
          w.add(words.get(i));
          r.add(refs[i]);
        }
      }
      return new Rows(ex, x, w, r.toArray(new double[0][]));
    }
  }

  static final List<Double> GRID = List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2);

  public static void main(String[] args) throws Exception {
    String experiment = args[0];
    Corpus train = CorpusFiles.read(args[1], ReadOptions.defaults());
    Corpus test = CorpusFiles.read(args[2], ReadOptions.defaults());
    Corpus dev = args.length > 3 ? CorpusFiles.read(args[3], ReadOptions.defaults()) : null;
    TreeSet<String> all = new TreeSet<>(train.labels());
    all.addAll(test.labels());
    if (dev != null) {
      all.addAll(dev.labels());
    }
    List<String> labels = List.copyOf(all);
    Rows tr;
    Rows te;
    Rows dv;
    try (FeaturePipeline pipeline = FeaturePipeline.create(FeatureConfig.defaults())) {
      tr = Rows.of(train.examples(), pipeline, labels);
      te = Rows.of(test.examples(), pipeline, labels);
      dv = dev == null ? null : Rows.of(dev.examples(), pipeline, labels);
    }
    String name = args[1] + " -> " + args[2];
    TrainerConfig base = TrainerConfig.defaults().withMaxIter(500); // the command line's cap
    switch (experiment) {
      case "lambda" -> {
        for (double lambda : GRID) {
          TrainingResult fit = SoftmaxTrainer.fit(tr.data(labels), base.withLambda(lambda));
          print(name, "lambda=" + lambda, fit.stats(), score(fit.model(), te), null);
        }
      }
      case "calibrate" -> {
        Rows fitRows = tr;
        Rows calRows = dv;
        if (dv == null) {
          CorpusSplit s = CorpusSplit.bySentence(train.examples(), 0.2, 1);
          fitRows = tr.subset(s.train());
          calRows = tr.subset(s.test());
        }
        TrainingResult fit = SoftmaxTrainer.fit(fitRows.data(labels), base);
        TemperatureScaling.Result t = TemperatureScaling.fit(fit.model(), calRows.xs(),
            calRows.words(), calRows.refs());
        print(name, "raw", fit.stats(), score(fit.model(), te), null);
        print(name, "calibrated T=" + fmt(t.temperature()), fit.stats(),
            score(fit.model().withTemperature(t.temperature()), te),
            "\"dev_before\":" + json(t.before()) + ",\"dev_after\":" + json(t.after()));
      }
      case "selfcal" -> {
        CorpusSplit s = CorpusSplit.bySentence(train.examples(), 0.2, 1);
        Rows fitRows = tr.subset(s.train());
        Rows calRows = tr.subset(s.test());
        for (double lambda : GRID) {
          TrainerConfig c = base.withLambda(lambda);
          TrainingResult part = SoftmaxTrainer.fit(fitRows.data(labels), c);
          TemperatureScaling.Result t = TemperatureScaling.fit(part.model(), calRows.xs(),
              calRows.words(), calRows.refs());
          TrainingResult full = SoftmaxTrainer.fit(tr.data(labels), c);
          print(name, "lambda=" + lambda + " raw", full.stats(), score(full.model(), te), null);
          print(name, "lambda=" + lambda + " T=" + fmt(t.temperature()), full.stats(),
              score(full.model().withTemperature(t.temperature()), te),
              "\"heldout_kl_at_T\":" + t.after().meanKl());
        }
      }
      case "heldout" -> {
        CorpusSplit s = CorpusSplit.bySentence(train.examples(), 0.2, 1);
        Rows fitRows = tr.subset(s.train());
        Rows calRows = tr.subset(s.test());
        double bestKl = Double.POSITIVE_INFINITY;
        double bestRawKl = Double.POSITIVE_INFINITY;
        double bestLambda = Double.NaN;
        double bestRawLambda = Double.NaN;
        double bestT = 1;
        for (double lambda : GRID) {
          TrainingResult part = SoftmaxTrainer.fit(fitRows.data(labels), base.withLambda(lambda));
          TemperatureScaling.Result t = TemperatureScaling.fit(part.model(), calRows.xs(),
              calRows.words(), calRows.refs());
          System.out.println(String.format(Locale.ROOT, "{\"data\":\"%s\",\"setting\":"
              + "\"held-out part, lambda=%s\",\"raw_kl\":%.6f,\"T\":%.4f,\"kl_at_T\":%.6f}",
              name, lambda, t.before().meanKl(), t.temperature(), t.after().meanKl()));
          if (t.after().meanKl() < bestKl) {
            bestKl = t.after().meanKl();
            bestLambda = lambda;
            bestT = t.temperature();
          }
          if (t.before().meanKl() < bestRawKl) {
            bestRawKl = t.before().meanKl();
            bestRawLambda = lambda;
          }
        }
        TrainingResult raw = SoftmaxTrainer.fit(tr.data(labels), base.withLambda(bestRawLambda));
        print(name, "held-out lambda=" + bestRawLambda, raw.stats(), score(raw.model(), te),
            null);
        TrainingResult full = SoftmaxTrainer.fit(tr.data(labels), base.withLambda(bestLambda));
        print(name, "held-out lambda=" + bestLambda + " and T=" + fmt(bestT), full.stats(),
            score(full.model().withTemperature(bestT), te), null);
      }
      case "inventory" -> {
        TrainingResult none = SoftmaxTrainer.fit(tr.data(labels), base);
        print(name, "inventory none", none.stats(), score(none.model(), te), null);
        TrainingResult delta = SoftmaxTrainer.fit(tr.data(labels),
            base.withInventory(TrainerConfig.InventoryMode.RESTRICT, 1e-3));
        print(name, "restrict delta=1e-3", delta.stats(), score(delta.model(), te), null);
        InventoryMixing.Choice c = InventoryMixing.choose(tr.data(labels), base, 0.2, 1);
        print(name, "restrict:auto -> " + (c.restrict() ? "restrict alpha=" + fmt(c.weight())
            : "none"), c.stats(), score(c.model(), te),
            String.format(Locale.ROOT, "\"heldout_kl\":{\"none\":%.6f,\"delta\":%.6f,"
                + "\"mixed\":%.6f}", c.meanKlUnrestricted(), c.meanKlDeltaRule(),
                c.meanKlMixed()));
      }
      case "wordtemp" -> {
        // One temperature for the model against one a word (fitted on the word's held-out rows;
        // a word with fewer than 20 there keeps the global one), both fitted on a 20 % sentence
        // split of TRAIN, applied to the model trained on the other 80 %, scored on TEST.
        CorpusSplit s = CorpusSplit.bySentence(train.examples(), 0.2, 1);
        Rows fitRows = tr.subset(s.train());
        Rows calRows = tr.subset(s.test());
        SoftmaxModel m = SoftmaxTrainer.fit(fitRows.data(labels), base).model();
        double global = TemperatureScaling.fit(m, calRows.xs(), calRows.words(), calRows.refs())
            .temperature();
        java.util.Map<String, Double> byWord = new java.util.TreeMap<>();
        for (String w : new TreeSet<>(calRows.words())) {
          List<AnnotatedExample> of = new ArrayList<>();
          for (int i = 0; i < calRows.examples().size(); i++) {
            if (calRows.words().get(i).equals(w)) {
              of.add(calRows.examples().get(i));
            }
          }
          if (of.size() >= Integer.getInteger("minRows", 20)) {
            Rows r = calRows.subset(of);
            byWord.put(w, TemperatureScaling.fit(m, r.xs(), r.words(), r.refs()).temperature());
          }
        }
        double[][] globalPred = m.withTemperature(global).predictAll(te.xs(), te.words());
        double[][] wordPred = new double[te.xs().size()][];
        for (int i = 0; i < wordPred.length; i++) {
          double t = byWord.getOrDefault(te.words().get(i), global);
          wordPred[i] = m.withTemperature(t).predictAll(List.of(te.xs().get(i)),
              List.of(te.words().get(i)))[0];
        }
        System.out.println(String.format(Locale.ROOT, "{\"data\":\"%s\",\"raw\":%s,"
            + "\"global_T\":%.4f,\"global\":%s,\"words_with_own_T\":%d,\"by_word\":%s,"
            + "\"word_T\":\"%s\"}", name, json(score(m, te)), global,
            json(Evaluation.evaluate(te.refs(), globalPred)), byWord.size(),
            json(Evaluation.evaluate(te.refs(), wordPred)), byWord));
      }
      default -> throw new IllegalArgumentException("unknown experiment " + experiment);
    }
  }

  static Evaluation.Metrics score(SoftmaxModel m, Rows rows) {
    return Evaluation.evaluate(rows.refs(), m.predictAll(rows.xs(), rows.words()));
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  static String json(Evaluation.Metrics m) {
    return String.format(Locale.ROOT, "{\"mean_kl\":%.6f,\"top1\":%.4f,\"ece\":%.4f}",
        m.meanKl(), m.top1(), m.ece());
  }

  static void print(String data, String setting, FitStats stats, Evaluation.Metrics m,
      String extra) {
    System.out.println(String.format(Locale.ROOT, "{\"data\":\"%s\",\"setting\":\"%s\","
        + "\"iterations\":%d,\"converged\":%b,\"test\":%s%s}", data, setting, stats.iterations(),
        stats.converged(), json(m), extra == null ? "" : "," + extra));
  }
}
