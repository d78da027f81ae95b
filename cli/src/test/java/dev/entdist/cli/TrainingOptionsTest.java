package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.trainer.TrainerConfig;
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

  private static TrainingOptions parse(String... args) {
    @CommandLine.Command(name = "host")
    class Host {
      @CommandLine.Mixin TrainingOptions training;
    }
    Host host = new Host();
    new CommandLine(host).parseArgs(args);
    return host.training;
  }
}
