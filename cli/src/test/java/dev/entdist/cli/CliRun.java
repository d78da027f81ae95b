package dev.entdist.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the command line in-process, built as {@link Main#main} builds it (only the command
 * named, when one is), and captures its exit code, stdout and stderr.
 */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
    CommandLine cl = Main.commandLine(Main.onlyCommand(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
  }
}
