package dev.entdist.trainer;

import dev.entdist.divergence.SparseVector;
import java.io.IOException;
import java.util.List;

/**
 * Training examples read afresh on every pass (for data that does not fit in memory). Each pass
 * delivers the rows in the same order.
 */
public interface ExampleStream {

  /** The sorted label names; targets are over them. */
  List<String> labels();

  /** Receives one row of a pass. */
  @FunctionalInterface
  interface RowConsumer {
    /**
     * @param row 0-based row number
     * @param features the row's features
     * @param target its distribution over {@link #labels()} (the array may be reused)
     * @param weight its weight ≥ 0
     */
    void accept(long row, SparseVector features, double[] target, double weight);
  }

  /**
   * Streams every row once, in order.
   *
   * @throws IOException if reading fails
   * @throws PeerFormatException if a row is malformed
   */
  void forEach(RowConsumer consumer) throws IOException, PeerFormatException;
}
