package dev.entdist.pipeline;

import dev.entdist.trainer.FitStats;
import dev.entdist.trainer.InventoryMixing;
import dev.entdist.trainer.LambdaSearch;
import dev.entdist.trainer.TraceListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param model the trained model, ready to read text (or, trained on a feature directory, to
 *     predict feature vectors only)
 * @param stats the optimiser's statistics
 * @param rows training rows after the label regime (votes makes one per vote)
 * @param occurrences occurrences (or feature rows) before the regime
 * @param search the λ search, or {@code null} when λ was given
 * @param trace one record per iteration (L-BFGS) or epoch (Adam) of the final fit (empty when
 *     the inventory was chosen: that fit reports no iterations)
 * @param inventory the held-out choice of inventories, or {@code null} when the trainer's mode
 *     was used
 */
public record TrainedModel(TextModel model, FitStats stats, int rows, int occurrences,
    LambdaSearch.Result search, List<TraceListener.Record> trace,
    InventoryMixing.Choice inventory) {

  /** Copies the trace. */
  public TrainedModel {
    trace = List.copyOf(trace);
  }

  /** A run whose inventories were the trainer's mode. */
  public TrainedModel(TextModel model, FitStats stats, int rows, int occurrences,
      LambdaSearch.Result search, List<TraceListener.Record> trace) {
    this(model, stats, rows, occurrences, search, trace, null);
  }

  /**
   * Writes the trace as CSV ({@value TraceListener#HEADER}), atomically.
   *
   * @throws IOException if writing fails; {@code file} is then left untouched
   */
  public void writeTrace(Path file) throws IOException {
    TraceListener.writeCsv(trace, file);
  }
}
