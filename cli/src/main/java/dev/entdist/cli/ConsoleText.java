package dev.entdist.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Map;

/**
 * Text for a console that may not encode every character entdist prints (under {@code LANG=C}
 * the console is ASCII): characters the console's charset cannot encode are written as ASCII
 * stand-ins ({@code ∞} as {@code inf}, {@code ‖} as {@code ||}, a bar {@code █} as {@code #},
 * {@code λ} as {@code lambda}, …) instead of the {@code ?} Java would print.
 */
final class ConsoleText {

  private static final Map<Character, String> ASCII = Map.ofEntries(
      Map.entry('∞', "inf"), Map.entry('‖', "||"), Map.entry('█', "#"), Map.entry('▏', ""),
      Map.entry('▎', ""), Map.entry('▍', ""), Map.entry('▌', "+"), Map.entry('▋', "+"),
      Map.entry('▊', "+"), Map.entry('▉', "+"), Map.entry('±', "+/-"), Map.entry('λ', "lambda"),
      Map.entry('δ', "delta"), Map.entry('θ', "theta"), Map.entry('∂', "d"),
      Map.entry('Σ', "sum"), Map.entry('·', "*"), Map.entry('×', "x"), Map.entry('−', "-"),
      Map.entry('–', "-"), Map.entry('—', "--"), Map.entry('≤', "<="), Map.entry('≥', ">="),
      Map.entry('≈', "~"), Map.entry('≠', "!="), Map.entry('←', "<-"), Map.entry('→', "->"),
      Map.entry('²', "^2"), Map.entry('√', "sqrt"), Map.entry('…', "..."), Map.entry('‘', "'"),
      Map.entry('’', "'"), Map.entry('“', "\""), Map.entry('”', "\""), Map.entry('ε', "eps"));

  private ConsoleText() {}

  /** The charset Java writes {@code System.out} in. */
  static Charset consoleCharset() {
    String name = System.getProperty(System.console() != null ? "sun.stdout.encoding"
        : "file.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }

  /**
   * A writer on {@code stream} in {@code charset}; when the charset cannot encode the
   * characters above, they are replaced by their ASCII stand-ins.
   */
  static PrintWriter writer(PrintStream stream, Charset charset) {
    Writer raw = new OutputStreamWriter(stream, charset);
    CharsetEncoder encoder = charset.newEncoder();
    if (encoder.canEncode("∞‖█λ±")) {
      return new PrintWriter(raw, true);
    }
    return new PrintWriter(new Writer() {
      @Override
      public void write(char[] buf, int off, int len) throws java.io.IOException {
        raw.write(ascii(new String(buf, off, len), encoder));
      }

      @Override
      public void flush() throws java.io.IOException {
        raw.flush();
      }

      @Override
      public void close() throws java.io.IOException {
        raw.close();
      }
    }, true);
  }

  /** {@code text} with every character {@code encoder} cannot encode replaced. */
  static String ascii(String text, CharsetEncoder encoder) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128 || encoder.canEncode(c)) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      sb.append(ASCII.getOrDefault(c, "?"));
    }
    return sb == null ? text : sb.toString();
  }
}
