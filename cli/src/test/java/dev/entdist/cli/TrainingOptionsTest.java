package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.trainer.TrainerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The trainer options {@code train} and {@code compare} share, parsed by one implementation. */
class TrainingOptionsTest {

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
  void defaultsAreTheTrainersExceptTheIterationCap(String command) {
    CommandLine root = Main.commandLine();
    CommandLine cl = root.getSubcommands().get(command);
    TrainingOptions training;
    if (command.equals("train")) {
      root.parseArgs("train", "--corpus", "bundled", "--out", "unused.model");
      training = cl.<TrainCommand>getCommand().training;
    } else {
      root.parseArgs("compare");
      training = cl.<CompareCommand>getCommand().training;
    }
    assertEquals(TrainerConfig.defaults().withSeed(1), training.config(1),
        "the command line's defaults are the library's");
    String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
    TrainerConfig d = TrainerConfig.defaults();
    assertTrue(help.contains("(default: " + TrainerDefaults.number(d.lambda()) + ")"), help);
    assertTrue(help.contains("(default: " + TrainerDefaults.number(d.tol()) + ")"), help);
    assertTrue(help.contains("(default: " + d.maxIter() + ")"), help);
    assertFalse(help.contains("the trainer's"), help);
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
