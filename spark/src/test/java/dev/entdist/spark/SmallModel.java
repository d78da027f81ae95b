package dev.entdist.spark;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusFormatException;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.pipeline.Monitor;
import dev.entdist.pipeline.TrainSettings;
import dev.entdist.pipeline.Training;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small corpus cut from the bundled one, and a model trained on it, made once per JVM. */
final class SmallModel {

  private static Corpus corpus;
  private static Path model;

  private SmallModel() {}

  /** The first 25 occurrences of each of cell, bank and java in the bundled corpus. */
  static synchronized Corpus corpus() throws IOException, CorpusFormatException {
    if (corpus == null) {
      Corpus all = CorpusFiles.read("bundled", ReadOptions.defaults());
      Map<String, List<AnnotatedExample>> byWord = new TreeMap<>();
      for (AnnotatedExample e : all.examples()) {
        if (List.of("cell", "bank", "java").contains(e.word())) {
          List<AnnotatedExample> list = byWord.computeIfAbsent(e.word(), w -> new ArrayList<>());
          if (list.size() < 25) {
            list.add(e);
          }
        }
      }
      List<AnnotatedExample> picked = new ArrayList<>();
      byWord.values().forEach(picked::addAll);
      corpus = new Corpus("small", picked);
    }
    return corpus;
  }

  /** The model of {@link #corpus()} with default settings and 30 iterations, in a file. */
  static synchronized Path model(Path dir) throws IOException, CorpusFormatException {
    if (model == null) {
      model = dir.resolve("small.model");
      TrainSettings s = TrainSettings.defaults().withTrainer(
          TrainSettings.defaults().trainer().withMaxIter(30).withThreads(1));
      Training.train(corpus(), s, Monitor.SILENT).model().save(model);
    }
    return model;
  }
}
