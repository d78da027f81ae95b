package dev.entdist.pipeline;

import dev.entdist.divergence.Kernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Type-level distributions: the mean of a word's in-context distributions over a set of its
 * occurrences (one row per occurrence, never per training row, so regimes that replicate rows,
 * such as {@code votes}, do not weigh an occurrence more). Used for the per-word summaries a
 * model stores and for the per-word columns of a comparison.
 */
public final class TypeLevel {

  private TypeLevel() {}

  /**
   * The mean of the rows of each of {@code words}, in that order; a word without rows is left
   * out of the map.
   *
   * @param rowWords the (lower-cased) word of each row
   * @param rows one distribution per occurrence
   * @param words the words to summarise
   */
  public static Map<String, double[]> means(List<String> rowWords, double[][] rows,
      List<String> words) {
    if (rowWords.size() != rows.length) {
      throw new IllegalArgumentException(rowWords.size() + " words for " + rows.length + " rows");
    }
    int k = rows.length == 0 ? 0 : rows[0].length;
    Map<String, double[]> sums = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String w : words) {
      sums.put(w, new double[k]);
      counts.put(w, 0);
    }
    for (int i = 0; i < rows.length; i++) {
      double[] s = sums.get(rowWords.get(i));
      if (s != null) {
        for (int j = 0; j < k; j++) {
          s[j] += rows[i][j];
        }
        counts.merge(rowWords.get(i), 1, Integer::sum);
      }
    }
    Map<String, double[]> means = new LinkedHashMap<>();
    for (String w : words) {
      double[] s = sums.get(w);
      int n = counts.get(w);
      if (n > 0) {
        for (int j = 0; j < k; j++) {
          s[j] /= n;
        }
        means.put(w, s);
      }
    }
    return means;
  }

  /**
   * Mean entropy (nats) of the rows of {@code word}: how sure the single in-context
   * distributions are; NaN when the word has no rows.
   */
  public static double meanEntropy(List<String> rowWords, double[][] rows, String word) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < rows.length; i++) {
      if (rowWords.get(i).equals(word)) {
        sum += Kernels.entropy(rows[i], 0, rows[i].length);
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
