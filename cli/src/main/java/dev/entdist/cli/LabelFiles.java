package dev.entdist.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Label files for {@code train --labels}: one label per line (UTF-8), surrounding blanks trimmed;
 * blank lines and lines starting with {@code #} are skipped.
 */
final class LabelFiles {

  private LabelFiles() {}

  /**
   * The labels of {@code file}, sorted.
   *
   * @throws UserException when the file cannot be read, is not UTF-8, holds no label, or a label
   *     contains a tab (the file, and the line where there is one, are named)
   */
  static SortedSet<String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserException("--labels " + file + " does not exist");
    } catch (MalformedInputException e) {
      throw new UserException("--labels " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new UserException("--labels " + file + " cannot be read: " + e.getMessage());
    }
    SortedSet<String> labels = new TreeSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String label = lines.get(i).strip();
      if (label.isEmpty() || label.startsWith("#")) {
        continue;
      }
      if (label.indexOf('\t') >= 0) {
        throw new UserException(file + ":" + (i + 1) + ": label '" + label + "' contains a tab;"
            + " write one label per line");
      }
      labels.add(label);
    }
    if (labels.isEmpty()) {
      throw new UserException("--labels " + file + " holds no label (one label per line)");
    }
    return labels;
  }
}
