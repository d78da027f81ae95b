package dev.entdist.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: first column left-aligned, the others right-aligned unless marked with
 * {@link #leftAligned}.
 */
final class Table {

  private final List<String[]> rows = new ArrayList<>();
  private final java.util.Set<Integer> left = new java.util.HashSet<>(List.of(0));

  Table(String... header) {
    rows.add(header);
  }

  /** Left-aligns column {@code column} (0-based), e.g. one holding words. */
  Table leftAligned(int column) {
    left.add(column);
    return this;
  }

  Table row(String... cells) {
    rows.add(cells);
    return this;
  }

  void print(PrintWriter out) {
    int cols = 0;
    for (String[] r : rows) {
      cols = Math.max(cols, r.length);
    }
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        width[c] = Math.max(width[c], r[c].codePointCount(0, r[c].length()));
      }
    }
    for (String[] r : rows) {
      if (r == rows.get(0) && java.util.Arrays.stream(r).allMatch(String::isEmpty)) {
        continue; // a table without a header
      }
      StringBuilder sb = new StringBuilder("  ");
      for (int c = 0; c < r.length; c++) {
        int pad = width[c] - r[c].codePointCount(0, r[c].length());
        if (c == 0) {
          sb.append(r[c]).append(" ".repeat(pad));
        } else if (left.contains(c)) {
          sb.append("  ").append(r[c]).append(" ".repeat(pad));
        } else {
          sb.append("  ").append(" ".repeat(pad)).append(r[c]);
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }
}
