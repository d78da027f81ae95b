package dev.entdist.cli;

import dev.entdist.corpora.BundledCorpus;
import dev.entdist.io.OutputTarget;
import dev.entdist.io.OutputTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of a command, checked before the command starts its work: it must not be one of the
 * inputs (compared by real path and file identity) and its location must be writable. Every
 * command writes through {@link OutputTarget}, so {@code -} is standard output, a link stays a
 * link, and a pipe or device is written straight through.
 */
final class Outputs {

  private Outputs() {}

  /**
   * The output named {@code out}, refused when it is one of {@code inputs} ({@code null}, {@code
   * -} and {@code bundled} are not files and are ignored) or cannot be written.
   *
   * @throws OutputTargetException naming the output and the reason
   */
  static OutputTarget checked(String out, Object... inputs) throws OutputTargetException {
    List<Path> files = new ArrayList<>();
    for (Object in : inputs) {
      if (in == null) {
        continue;
      }
      String name = in.toString();
      if (!name.equals(OutputTarget.STANDARD_STREAM) && !name.equals(BundledCorpus.NAME)) {
        files.add(Path.of(name));
      }
    }
    return OutputTarget.of(out).requireDistinctFrom(files).checkWritable();
  }
}
