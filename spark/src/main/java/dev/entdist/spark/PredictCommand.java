package dev.entdist.spark;

import dev.entdist.corpora.DocumentReader;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entdist-spark predict}: {@code entdist predict} over a cluster, into part files. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write the model's in-context distribution for every occurrence of a model word in"
          + " documents, as 'entdist predict' does, into a directory of part files (part-00000,"
          + " part-00001, ...) whose lines, read in order, are 'entdist predict's lines.",
      "",
      "--text: plain text, one document a line. --corpus: JSONL documents (\"text\", optional"
          + " \"id\", \"start\"/\"end\"). Either may be a file, a directory of files or a glob,"
          + " on any file system of the Hadoop configuration (hdfs://, s3a://, ...)."
    })
final class PredictCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", required = true,
      description = "Model file written by 'entdist train --corpus' (any Hadoop URI).")
  String model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** Where the documents come from. */
  static final class Input {
    @Option(names = "--text", paramLabel = "PATH", description = "Plain text, a document a line.")
    String text;

    @Option(names = "--corpus", paramLabel = "PATH", description = "JSONL documents.")
    String corpus;
  }

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "Output directory of part files; must not exist (Spark commits it whole).")
  String out;

  @Option(names = "--format", paramLabel = "jsonl|tsv", defaultValue = "jsonl",
      description = "Output layout (default: ${DEFAULT-VALUE}); tsv puts the header of labels"
          + " at the top of part-00000.")
  String format;

  @Option(names = "--words", paramLabel = "WORD", split = ",", splitSynopsisLabel = ",",
      description = "Look only for these words (default: every word the model was trained"
          + " on).")
  List<String> words;

  @Option(names = "--top", paramLabel = "K",
      description = "jsonl: keep the K most probable labels of each distribution.")
  Integer top;

  @Option(names = "--skip-invalid",
      description = "Skip lines that are not valid documents (counted on stderr) instead of"
          + " failing the job at the first.")
  boolean skipInvalid;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    boolean tsv = switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "jsonl" -> false;
      case "tsv" -> true;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--format must be jsonl or tsv, got " + format);
    };
    if (top != null && top < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--top must be >= 1, got " + top);
    }
    if (tsv && top != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--top applies to jsonl: pred.tsv always has a column per label");
    }
    SparkSession spark = sparkOptions.session("predict");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (HadoopFiles.exists(sc.hadoopConfiguration(), out)) {
      throw new UserException("--out " + out + " exists: Spark writes a new directory of part"
          + " files, so remove it or name another");
    }
    ModelRef ref = ModelRef.broadcast(sc, model);
    String path = input.text != null ? input.text : input.corpus;
    DocumentReader.Kind kind = input.text != null ? DocumentReader.Kind.TEXT
        : DocumentReader.Kind.JSONL;
    SparkPredict.Options options = new SparkPredict.Options(kind, words, top, tsv, skipInvalid);
    SparkPredict.Counters counters = new SparkPredict.Counters(sc);
    JavaRDD<SourceLine> lines = Inputs.lines(sc, path, sparkOptions.partitions(sc));
    long start = System.nanoTime();
    SparkPredict.predict(ref, lines, options, counters).saveAsTextFile(out);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (counters.skipped() > 0) {
      System.err.println("entdist-spark: skipped " + counters.skipped() + " invalid line(s);"
          + " the first: " + counters.firstSkipped());
    }
    System.err.printf(java.util.Locale.ROOT,
        "entdist-spark: wrote %d prediction(s) for %d document(s) to %s in %.1f s%n",
        counters.occurrences(), counters.documents(), out, seconds);
    return 0;
  }
}
