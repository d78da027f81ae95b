package dev.entdist.cli;

import dev.entdist.trainer.SoftmaxModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The features with the largest weights for each label of a model, found among the feature ids
 * the model stores weights for (a hash bucket or vocabulary position each).
 */
final class TopFeatures {

  /**
   * One weight.
   *
   * @param id feature id
   * @param weight W[label, id]
   */
  record Entry(int id, double weight) {}

  private TopFeatures() {}

  /**
   * For each label (in label order), its {@code n} largest positive weights, largest first; ties
   * by id.
   */
  static List<List<Entry>> of(SoftmaxModel model, int n) {
    int k = model.labels().size();
    Comparator<Entry> smallestFirst = Comparator.comparingDouble(Entry::weight)
        .thenComparing(Comparator.comparingInt(Entry::id).reversed());
    List<PriorityQueue<Entry>> heaps = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      heaps.add(new PriorityQueue<>(smallestFirst));
    }
    for (int id : n > 0 ? model.featureIds() : new int[0]) {
      for (int j = 0; j < k; j++) {
        double w = model.weight(id, j);
        if (w > 0) {
          PriorityQueue<Entry> h = heaps.get(j);
          if (h.size() < n) {
            h.add(new Entry(id, w));
          } else if (w > h.peek().weight()) {
            h.poll();
            h.add(new Entry(id, w));
          }
        }
      }
    }
    List<List<Entry>> out = new ArrayList<>();
    for (PriorityQueue<Entry> h : heaps) {
      List<Entry> l = new ArrayList<>(h);
      l.sort(smallestFirst.reversed());
      out.add(l);
    }
    return out;
  }
}
