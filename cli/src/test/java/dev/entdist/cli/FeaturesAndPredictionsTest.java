package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusFormat;
import dev.entdist.corpora.CorpusSplit;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.ModelIo;
import dev.entdist.trainer.PeerFormat;
import dev.entdist.trainer.SoftmaxModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate, predict, features export/explain and models trained on a feature directory, on a
 * small corpus: the first occurrences of every bundled word, with 2^12 hashed features.
 */
class FeaturesAndPredictionsTest {

  private static final int PER_WORD = 6;

  @TempDir static Path dir;
  private static Path corpusFile;
  private static List<AnnotatedExample> examples;
  private static Path modelFile;

  @BeforeAll
  static void smallCorpusAndModel() throws Exception {
    examples = new ArrayList<>();
    for (String word : BundledCorpus.words()) {
      examples.addAll(BundledCorpus.load(word).examples().subList(0, PER_WORD));
    }
    corpusFile = dir.resolve("small.jsonl");
    CorpusFiles.write(corpusFile, examples, CorpusFormat.JSONL, false);
    modelFile = dir.resolve("small.model");
    CliRun run = CliRun.of("train", "--corpus", corpusFile.toString(), "--out",
        modelFile.toString(), "--hash-bits", "12", "--max-iter", "30", "--quiet");
    assertEquals(0, run.code(), run::toString);
  }

  @Test
  void evaluateJsonHasExactlyTheContractKeys() throws Exception {
    CliRun run = CliRun.of("evaluate", "--model", modelFile.toString(), "--corpus",
        corpusFile.toString(), "--json");
    assertEquals(0, run.code(), run::toString);
    JsonNode o = Json.MAPPER.readTree(run.out());
    List<String> keys = new ArrayList<>();
    o.fieldNames().forEachRemaining(keys::add);
    // The contract's keys first, in its order; then the distances, the unknown-label count,
    // the bootstrap intervals and the warnings.
    assertEquals(List.of("examples", "mean_kl", "mean_reverse_kl", "mean_js", "cross_entropy",
        "top1", "mean_entropy_pred", "mean_entropy_ref", "ece", "brier", "chebyshev", "clark",
        "canberra", "cosine", "intersection", "manhattan", "euclidean", "skipped_unknown_label",
        "bootstrap", "ci95", "warnings"), keys);
    assertEquals(examples.size(), o.get("examples").asInt());
    CliRun text = CliRun.of("evaluate", "--model", modelFile.toString(), "--corpus",
        corpusFile.toString());
    assertEquals(0, text.code(), text::toString);
    assertTrue(text.out().contains("mean_kl"), text.out());
  }

  @Test
  void predictionsHaveThePermissionsOfAFreshlyCreatedFile() throws Exception {
    assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null,
        "the file system has no POSIX permissions");
    Path fresh = Files.createFile(dir.resolve("fresh-for-predict"));
    Path out = dir.resolve("perm/pred.jsonl");
    CliRun run = CliRun.of("predict", "--model", modelFile.toString(), "--corpus",
        corpusFile.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, run.code(), run::toString);
    assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(out));
    try (var files = Files.list(out.getParent())) {
      assertEquals(List.of(out), files.toList(), "no temporary file may survive");
    }
  }

  @Test
  void predictWritesJsonlAndThePeersTsv() throws Exception {
    SoftmaxModel model = ModelIo.read(modelFile);
    Path jsonl = dir.resolve("pred.jsonl");
    CliRun run = CliRun.of("predict", "--model", modelFile.toString(), "--corpus",
        corpusFile.toString(), "--out", jsonl.toString(), "--quiet");
    assertEquals(0, run.code(), run::toString);
    List<String> lines = Files.readAllLines(jsonl);
    assertEquals(examples.size(), lines.size());
    double[][] fromJsonl = new double[lines.size()][];
    for (int i = 0; i < lines.size(); i++) {
      JsonNode o = Json.MAPPER.readTree(lines.get(i));
      assertEquals(examples.get(i).id(), o.get("id").asText());
      assertEquals(examples.get(i).target(), o.get("target").asText());
      double previous = Double.POSITIVE_INFINITY;
      fromJsonl[i] = new double[model.labels().size()];
      for (Iterator<String> it = o.get("distribution").fieldNames(); it.hasNext(); ) {
        String label = it.next();
        double p = o.get("distribution").get(label).asDouble();
        assertTrue(p <= previous, "not sorted descending: " + lines.get(i));
        previous = p;
        fromJsonl[i][model.labels().indexOf(label)] = p;
      }
    }
    Path tsv = dir.resolve("pred.tsv");
    run = CliRun.of("predict", "--model", modelFile.toString(), "--corpus",
        corpusFile.toString(), "--out", tsv.toString(), "--format", "tsv", "--quiet");
    assertEquals(0, run.code(), run::toString);
    List<String> rows = Files.readAllLines(tsv);
    assertEquals(String.join("\t", model.labels()), rows.get(0));
    assertEquals(examples.size() + 1, rows.size());
    for (int i = 1; i < rows.size(); i++) {
      String[] cells = rows.get(i).split("\t");
      double sum = 0;
      for (int j = 0; j < cells.length; j++) {
        double p = Double.parseDouble(cells[j]);
        assertTrue(p > 0, "probability printed as " + cells[j] + " in row " + i);
        assertEquals(fromJsonl[i - 1][j], p, 0.0, "tsv and jsonl differ in row " + i);
        sum += p;
      }
      assertEquals(1.0, sum, 1e-9);
    }
  }

  @Test
  void exportedSplitsReadBackAsTheInMemoryVectors() throws Exception {
    Path out = dir.resolve("export");
    CliRun run = CliRun.of("features", "export", "--corpus", corpusFile.toString(), "--out",
        out.toString(), "--hash-bits", "12", "--test-fraction", "0.25", "--seed", "3",
        "--quiet");
    assertEquals(0, run.code(), run::toString);
    PeerFormat.Meta meta = PeerFormat.readMeta(out);
    assertEquals(1 << 12, meta.nFeatures());
    CorpusSplit split = CorpusSplit.bySentence(examples, 0.25, 3);
    List<String> labels = BundledCorpus.load().labels().stream()
        .filter(l -> examples.stream().anyMatch(e -> e.labels().containsKey(l))).toList();
    assertEquals(labels, meta.classes());
    try (FeaturePipeline pipeline =
        FeaturePipeline.create(FeatureConfig.defaults().withHashBits(12))) {
      for (String side : List.of("train", "test")) {
        List<AnnotatedExample> part = side.equals("train") ? split.train() : split.test();
        PeerFormat.Split read = PeerFormat.readSplit(out.resolve(side), meta.nFeatures());
        assertEquals(part.size(), read.size(), side);
        assertEquals(labels, read.classes());
        List<SparseVector> expected = pipeline.vectorize(part);
        for (int i = 0; i < part.size(); i++) {
          assertEquals(expected.get(i), read.features().get(i), side + " row " + i);
          assertArrayEquals(part.get(i).distributionOver(labels), read.labels()[i], 1e-12,
              side + " row " + i);
        }
      }
    }
  }

  @Test
  void aModelTrainedOnFeaturesEvaluatesOnFeaturesButRefusesText() throws Exception {
    Path out = dir.resolve("peer");
    assertEquals(0, CliRun.of("features", "export", "--corpus", corpusFile.toString(), "--out",
        out.toString(), "--hash-bits", "12", "--test-fraction", "0.25", "--quiet").code());
    Path peerModel = dir.resolve("peer.model");
    CliRun train = CliRun.of("train", "--features", out.toString(), "--out",
        peerModel.toString(), "--max-iter", "20", "--regime", "smooth:0.1", "--json", "--quiet");
    assertEquals(0, train.code(), train::toString);
    assertEquals(PeerFormat.readSplit(out.resolve("train"), 1 << 12).size(),
        Json.MAPPER.readTree(train.out()).get("examples").asInt());

    CliRun eval = CliRun.of("evaluate", "--model", peerModel.toString(), "--features",
        out.toString(), "--json");
    assertEquals(0, eval.code(), eval::toString);
    assertEquals(PeerFormat.readSplit(out.resolve("test"), 1 << 12).size(),
        Json.MAPPER.readTree(eval.out()).get("examples").asInt());

    CliRun query = CliRun.of("query", "--model", peerModel.toString(), "cell");
    assertEquals(1, query.code(), query::toString);
    assertTrue(query.err().contains("--features"), query.err());
    assertEquals(1, query.err().strip().lines().count(), query.err());
    CliRun evalText = CliRun.of("evaluate", "--model", peerModel.toString(), "--corpus",
        corpusFile.toString());
    assertEquals(1, evalText.code(), evalText::toString);

    CliRun votes = CliRun.of("train", "--features", out.toString(), "--out",
        dir.resolve("votes.model").toString(), "--regime", "votes");
    assertEquals(2, votes.code(), votes::toString);
    assertTrue(votes.err().contains("vote"), votes.err());
  }

  @Test
  void explainListsTheFeaturesOfOneOccurrence() throws Exception {
    String context = "The bank raised its interest rates.";
    CliRun run = CliRun.of("features", "explain", "--context", context, "bank", "--json",
        "--hash-bits", "12");
    assertEquals(0, run.code(), run::toString);
    JsonNode o = Json.MAPPER.readTree(run.out());
    List<String> names = new ArrayList<>();
    o.get("features").forEach(f -> names.add(f.get("name").asText()));
    try (FeaturePipeline pipeline =
        FeaturePipeline.create(FeatureConfig.defaults().withHashBits(12))) {
      assertEquals(pipeline.explain(AnnotatedExample.of("x", context, "bank", 4, 8,
          java.util.Map.of("organization", 1.0))), names);
    }
    CliRun text = CliRun.of("features", "explain", "--context", context, "bank", "--model",
        modelFile.toString());
    assertEquals(0, text.code(), text::toString);
    assertTrue(text.out().contains("weight for"), text.out());
  }

  @Test
  void ownOpenNlpModelsFromADirectoryGiveTheSameFeaturesAsTheBundledOnes() throws Exception {
    Path models = Files.createDirectories(dir.resolve("opennlp-models"));
    for (String kind : new String[] {"sentence", "tokens", "pos", "lemmas"}) {
      String name = "opennlp-en-ud-ewt-" + kind + "-1.3-2.5.4.bin";
      try (var in = FeaturesAndPredictionsTest.class.getResourceAsStream("/" + name)) {
        assertTrue(in != null, "the classpath lacks " + name);
        Files.copy(in, models.resolve(name));
      }
    }
    String context = "Guards locked the cell door at nine.";
    CliRun bundled = CliRun.of("features", "explain", "--context", context, "cell", "--json");
    CliRun own = CliRun.of("features", "explain", "--context", context, "cell", "--json",
        "--opennlp-models", models.toString());
    assertEquals(0, own.code(), own::toString);
    assertEquals(Json.MAPPER.readTree(bundled.out()).get("features"),
        Json.MAPPER.readTree(own.out()).get("features"));

    CliRun missing = CliRun.of("features", "explain", "--context", context, "cell",
        "--opennlp-models", dir.resolve("no-such-dir").toString());
    assertEquals(1, missing.code(), missing::toString);
    assertTrue(missing.err().contains("--opennlp-models"), missing.err());
  }

  @Test
  void featuresExportChecksItsOutputBeforeTheWork() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    CliRun below = CliRun.of("features", "export", "--corpus", corpusFile.toString(), "--out",
        file.resolve("sub").toString());
    assertEquals(1, below.code(), below::toString);
    assertTrue(below.err().contains("is a file, not a directory"), below.err());
    assertFalse(below.err().contains("computing features"), "refused before the work");
    CliRun onFile = CliRun.of("features", "export", "--corpus", corpusFile.toString(), "--out",
        file.toString());
    assertEquals(1, onFile.code(), onFile::toString);
    assertTrue(onFile.err().contains("is not a directory"), onFile.err());
    assertEquals("x", Files.readString(file), "the file is left as it was");
  }
}
