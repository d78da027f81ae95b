package dev.entdist.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for the command line in {@link LauncherTest}: the launcher runs it as its jar. It
 * prints its arguments and the class-data archive it was started with; {@code stdin} echoes
 * standard input, {@code exit=N} exits with N, {@code wait=FILE} writes FILE, then waits to be
 * stopped and writes FILE.stopped from its shutdown hook.
 */
public final class LauncherProbe {

  private LauncherProbe() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    System.out.println("args=" + String.join(" ", args));
    String archive = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .getVMOption("SharedArchiveFile").getValue();
    System.out.println("archive=" + archive);
    for (String a : args) {
      if (a.equals("stdin")) {
        System.out.println("stdin=" + new String(System.in.readAllBytes(),
            StandardCharsets.UTF_8).strip());
      } else if (a.startsWith("exit=")) {
        System.exit(Integer.parseInt(a.substring(5)));
      } else if (a.startsWith("wait=")) {
        Path marker = Path.of(a.substring(5));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            Files.writeString(Path.of(marker + ".stopped"), "stopped");
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }));
        Files.writeString(marker, "waiting");
        Thread.sleep(60_000);
      }
    }
  }
}
