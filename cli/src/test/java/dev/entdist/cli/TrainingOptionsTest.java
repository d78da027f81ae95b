package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.pipeline.CompareSettings;
import dev.entdist.trainer.TrainerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The trainer options {@code train} and {@code compare} share, parsed by one implementation. */
class TrainingOptionsTest {

  @org.junit.jupiter.api.io.TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
      "none, NONE, ",
      "restrict, RESTRICT, ",
      "RESTRICT:0.01, RESTRICT, 0.01",
      "restrict:1e-5, RESTRICT, 1e-5"})
  void inventoryValuesReachTheTrainerConfig(String value, TrainerConfig.InventoryMode mode,
      Double delta) {
    TrainingOptions options = parse("--inventory", value);
    TrainerConfig config = options.config(7);
    assertEquals(mode, config.inventory());
    double expected = delta != null ? delta : TrainerConfig.defaults().delta();
    assertEquals(expected, config.delta());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sometimes", "none:0.1", "restrict:x", "restrict:0", "restrict:1.5",
      "restrict:"})
  void aMalformedInventoryIsAUsageErrorForTrainAndCompare(String value) {
    CliRun compare = CliRun.of("compare", "--inventory", value);
    assertEquals(2, compare.code(), compare.toString());
    assertTrue(compare.err().contains("--inventory"), compare.toString());
    CliRun train = CliRun.of("train", "--corpus", "bundled", "--out", "unused.model",
        "--inventory", value);
    assertEquals(2, train.code(), train.toString());
    assertTrue(train.err().contains("--inventory"), train.toString());
  }

  @Test
  void inventoryAutoIsTrainsAloneAndNeedsTheWords() throws Exception {
    TrainingOptions options = parse("--inventory", "auto");
    assertTrue(options.inventoryAuto());
    assertEquals(TrainerConfig.InventoryMode.NONE, options.config(7).inventory());
    CliRun compare = CliRun.of("compare", "--corpus", "bundled", "--inventory", "auto");
    assertEquals(2, compare.code(), compare.toString());
    assertTrue(compare.err().contains("only supported by 'entdist train'"), compare.toString());
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("inventory-auto");
    CliRun export = CliRun.of("features", "export", "--corpus", "bundled", "--out",
        dir.resolve("features").toString());
    assertEquals(0, export.code(), export.toString());
    CliRun features = CliRun.of("train", "--features", dir.resolve("features").toString(),
        "--out", dir.resolve("f.model").toString(), "--inventory", "auto");
    assertEquals(2, features.code(), features.toString());
    assertTrue(features.err().contains("need the words"), features.toString());
    CliRun train = CliRun.of("train", "--corpus", "bundled", "--out",
        dir.resolve("auto.model").toString(), "--inventory", "auto", "--max-iter", "30",
        "--json", "--quiet");
    assertEquals(0, train.code(), train.toString());
    com.fasterxml.jackson.databind.JsonNode choice =
        Json.MAPPER.readTree(train.out()).get("inventory_choice");
    assertTrue(choice.get("held_out").asInt() > 0, choice.toString());
    boolean restrict = choice.get("restrict").asBoolean();
    assertEquals(restrict, choice.get("held_out_kl_mixed").asDouble()
        < choice.get("held_out_kl_unrestricted").asDouble(), choice.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"train", "compare"})
  void defaultsAreTheLibrarysTrainWithTheSearchCompareWithItsLambda(String command) {
    CommandLine root = Main.commandLine();
    CommandLine cl = root.getSubcommands().get(command);
    TrainingOptions training;
    TrainerConfig expected = TrainerConfig.defaults().withSeed(1);
    String lambda;
    if (command.equals("train")) {
      root.parseArgs("train", "--corpus", "bundled", "--out", "unused.model");
      training = cl.<TrainCommand>getCommand().training;
      assertTrue(training.lambdaAuto(), "train searches for λ by default");
      assertEquals(expected, training.configWithoutLambdaSearch(1));
      lambda = "auto";
    } else {
      root.parseArgs("compare");
      training = cl.<CompareCommand>getCommand().training;
      assertFalse(training.lambdaAuto());
      expected = expected.withLambda(CompareSettings.DEFAULT_LAMBDA);
      assertEquals(expected, training.config(1), "the command line's defaults are the library's");
      assertEquals(CompareSettings.defaults().trainer().withSeed(1), training.config(1));
      lambda = TrainerDefaults.number(CompareSettings.DEFAULT_LAMBDA);
    }
    String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
    TrainerConfig d = TrainerConfig.defaults();
    assertTrue(help.contains("(default: " + lambda + ")"), help);
    assertTrue(help.contains("(default: " + TrainerDefaults.number(d.tol()) + ")"), help);
    assertTrue(help.contains("(default: " + d.maxIter() + ")"), help);
    assertFalse(help.contains("the trainer's"), help);
  }

  @Test
  void trainSearchesLambdaByDefaultButNotWithAdamOrOnOneSentence() throws Exception {
    StringBuilder lines = new StringBuilder();
    String[][] sentences = {{"My cell needs a charger.", "phone"},
        {"The cell divided under the lens.", "biology"}, {"He slept in a cold cell.", "prison"},
        {"Her cell rang twice.", "phone"}, {"Each cell has a nucleus.", "biology"},
        {"The guard locked the cell.", "prison"}};
    for (int i = 0; i < sentences.length; i++) {
      String text = sentences[i][0];
      int start = text.toLowerCase(java.util.Locale.ROOT).indexOf("cell");
      lines.append(String.format("{\"id\":\"s%d\",\"text\":\"%s\",\"target\":\"%s\","
          + "\"start\":%d,\"end\":%d,\"labels\":{\"%s\":1.0}}%n", i, text,
          text.substring(start, start + 4), start, start + 4, sentences[i][1]));
    }
    Path corpus = dir.resolve("six.jsonl");
    java.nio.file.Files.writeString(corpus, lines);
    Path one = dir.resolve("one.jsonl");
    java.nio.file.Files.writeString(one, lines.toString().lines().findFirst().orElseThrow());

    com.fasterxml.jackson.databind.JsonNode byDefault = trainJson(corpus);
    assertTrue(byDefault.has("lambda_search"), byDefault.toString());
    assertEquals(byDefault.get("lambda_search").get("chosen").asDouble(),
        byDefault.get("lambda").asDouble(), 0.0);

    for (com.fasterxml.jackson.databind.JsonNode fixed : List.of(
        trainJson(corpus, "--optimizer", "adam", "--epochs", "2"), trainJson(one))) {
      assertFalse(fixed.has("lambda_search"), fixed.toString());
      assertEquals(TrainerConfig.DEFAULT_LAMBDA, fixed.get("lambda").asDouble(), 0.0);
    }
    com.fasterxml.jackson.databind.JsonNode given = trainJson(corpus, "--lambda", "1e-3");
    assertFalse(given.has("lambda_search"), given.toString());
    assertEquals(1e-3, given.get("lambda").asDouble(), 0.0);
    // asked for, the search runs with Adam too
    assertTrue(trainJson(corpus, "--lambda", "auto", "--optimizer", "adam", "--epochs", "1")
        .has("lambda_search"));
  }

  private com.fasterxml.jackson.databind.JsonNode trainJson(Path corpus, String... more)
      throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--corpus", corpus.toString(),
        "--out", dir.resolve("m.model").toString(), "--max-iter", "50", "--json", "--quiet"));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.code(), run.toString());
    return Json.MAPPER.readTree(run.out());
  }

  @Test
  void trainerNumbersAreSpelledShort() {
    assertEquals("1e-4", TrainerDefaults.number(1e-4));
    assertEquals("1e-6", TrainerDefaults.number(1e-6));
    assertEquals("0.01", TrainerDefaults.number(0.01));
  }

  private static TrainingOptions parse(String... args) {
    @CommandLine.Command(name = "host")
    class Host {
      @CommandLine.Mixin TrainingOptions training;
    }
    Host host = new Host();
    new CommandLine(host).parseArgs(args);
    return host.training;
  }

  @org.junit.jupiter.api.Test
  void compareRefusesLambdaAutoAsAUsageError() {
    CliRun run = CliRun.of("compare", "--lambda", "auto", "--words", "cell");
    assertEquals(2, run.code(), run::toString);
    assertTrue(run.err().contains("--lambda auto"), run.err());
  }
}
