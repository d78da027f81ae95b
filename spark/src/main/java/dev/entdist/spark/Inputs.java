package dev.entdist.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Input files as numbered lines, in file order, then line order. */
public final class Inputs {

  private Inputs() {}

  /**
   * Every line of the files {@code uri} names (a file, a directory's files, or a glob; a name
   * ending in .gz is decompressed), numbered from 1 in its file, split into at least {@code
   * minPartitions} partitions without reordering.
   */
  public static JavaRDD<SourceLine> lines(JavaSparkContext sc, String uri, int minPartitions)
      throws IOException {
    List<String> files = HadoopFiles.files(sc.hadoopConfiguration(), uri);
    List<JavaRDD<SourceLine>> parts = new ArrayList<>();
    int each = Math.max(1, minPartitions / files.size());
    for (String f : files) {
      String source = files.size() == 1 ? uri : f;
      parts.add(sc.textFile(f, each).zipWithIndex().map(t -> {
        String text = t._1();
        if (t._2() == 0 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
          text = text.substring(1);
        }
        return new SourceLine(source, t._2() + 1, text);
      }));
    }
    JavaRDD<SourceLine> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.union(parts.get(i));
    }
    return all;
  }
}
