package dev.entdist.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of output a user names, written the one safe way. */
class OutputTargetTest {

  @TempDir Path dir;

  private static void write(OutputTarget target, String text) throws IOException {
    target.write(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  private List<Path> temporaries() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  @Test
  void aNewFileIsCreatedAndAnExistingOneReplacedKeepingItsMode() throws Exception {
    Path file = dir.resolve("sub/out.txt");
    write(OutputTarget.of(file), "one");
    assertEquals("one", Files.readString(file));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    write(OutputTarget.of(file), "two");
    assertEquals("two", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(List.of(), temporaries());
  }

  @Test
  void aLinkIsWrittenAtItsTargetAndStaysALink() throws Exception {
    Path file = dir.resolve("real.txt");
    Files.writeString(file, "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), file.getFileName());
    write(OutputTarget.of(link), "new");
    assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
    assertEquals("new", Files.readString(file));
  }

  @Test
  void aDanglingLinkCreatesItsTarget() throws Exception {
    Path file = dir.resolve("later.txt");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), file);
    write(OutputTarget.of(link), "made");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("made", Files.readString(file));
  }

  @Test
  void aPipeBehindALinkIsWrittenStraightThrough() throws Exception {
    Path fifo = dir.resolve("fifo");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
    Path link = Files.createSymbolicLink(dir.resolve("to-fifo"), fifo);
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readAllBytes(fifo);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    write(OutputTarget.of(link), "through the pipe");
    assertArrayEquals("through the pipe".getBytes(StandardCharsets.UTF_8),
        read.get(30, TimeUnit.SECONDS));
    assertTrue(Files.isSymbolicLink(link) && !Files.isRegularFile(fifo));
    assertEquals(List.of(), temporaries());
  }

  @Test
  void aCharacterDeviceIsWrittenStraightThrough() throws Exception {
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull));
    write(OutputTarget.of(devNull), "nothing");
    assertFalse(Files.isRegularFile(devNull), "/dev/null became a regular file");
  }

  @Test
  void aDashIsStandardOutput() throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      OutputTarget target = OutputTarget.of("-");
      assertTrue(target.isStandardOutput());
      write(target.checkWritable(), "to stdout");
    } finally {
      System.setOut(saved);
    }
    assertEquals("to stdout", captured.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(Path.of("-")), "a file named '-' was created");
  }

  @Test
  void aDirectoryIsRefusedAndKept() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("d"));
    OutputTargetException e = assertThrows(OutputTargetException.class,
        () -> OutputTarget.of(sub).checkWritable());
    assertTrue(e.getMessage().contains(sub.toString()) && e.getMessage().contains("directory"),
        e.getMessage());
    assertThrows(OutputTargetException.class, () -> write(OutputTarget.of(sub), "x"));
    assertTrue(Files.isDirectory(sub));
  }

  @Test
  void aPathBelowAFileIsRefusedBeforeWorkStarts() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "keep");
    Path below = file.resolve("deeper/out.model");
    OutputTargetException e = assertThrows(OutputTargetException.class,
        () -> OutputTarget.of(below).checkWritable());
    assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
    OutputTargetException onWrite = assertThrows(OutputTargetException.class,
        () -> write(OutputTarget.of(below), "x"));
    assertTrue(onWrite.getMessage().contains("is a file, not a directory"), onWrite.getMessage());
    assertEquals("keep", Files.readString(file));
  }

  @Test
  void procIsRefusedWithItsReason() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")));
    OutputTargetException e = assertThrows(OutputTargetException.class,
        () -> OutputTarget.of(Path.of("/proc/entdist-out.txt")).checkWritable());
    assertTrue(e.getMessage().contains("/proc is a kernel file system"), e.getMessage());
  }

  @Test
  void aReadOnlyDirectoryIsRefusedWithItsReason() throws Exception {
    assumeTrue(!"root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      OutputTargetException e = assertThrows(OutputTargetException.class,
          () -> OutputTarget.of(ro.resolve("m.model")).checkWritable());
      assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void anOutputThatIsAnInputIsRefusedThroughLinksAndHardLinks() throws Exception {
    Path input = Files.writeString(dir.resolve("v.jsonl"), "data");
    Path link = Files.createSymbolicLink(dir.resolve("alias.jsonl"), input);
    Path hard = Files.createLink(dir.resolve("hard.jsonl"), input);
    Files.createDirectory(dir.resolve("sub"));
    for (Path out : List.of(input, link, hard, dir.resolve("sub/../v.jsonl"))) {
      OutputTargetException e = assertThrows(OutputTargetException.class,
          () -> OutputTarget.of(out).requireDistinctFrom(input), out.toString());
      assertTrue(e.getMessage().contains("it is the input"), e.getMessage());
    }
    OutputTarget.of(dir.resolve("other.jsonl")).requireDistinctFrom(input);
    OutputTarget.of("-").requireDistinctFrom(input);
    assertEquals("data", Files.readString(input));
  }

  @Test
  void nothingIsReplacedUnlessEveryOutputIsComplete() throws Exception {
    Path a = Files.writeString(dir.resolve("train.jsonl"), "old train");
    Path b = Files.writeString(dir.resolve("test.jsonl"), "old test");
    PendingOutput first = OutputTarget.of(a).open();
    PendingOutput second = OutputTarget.of(b).open();
    try (first; second) {
      first.stream().write("new train".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full while writing the second output");
    } catch (IOException expected) {
      // As a full disk would.
    }
    assertEquals("old train", Files.readString(a));
    assertEquals("old test", Files.readString(b));
    assertEquals(List.of(), temporaries());
    try (PendingOutput x = OutputTarget.of(a).open(); PendingOutput y = OutputTarget.of(b).open()) {
      x.stream().write('1');
      y.stream().write('2');
      PendingOutput.commitAll(List.of(x, y));
    }
    assertEquals("1", Files.readString(a));
    assertEquals("2", Files.readString(b));
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
    Path file = Files.writeString(dir.resolve("m.model"), "previous");
    assertThrows(IOException.class, () -> OutputTarget.of(file).write(out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("failed half way");
    }));
    assertEquals("previous", Files.readString(file));
    assertEquals(List.of(), temporaries());
  }

  @Test
  void pathWritersGetATemporaryFileOrACopyThrough() throws Exception {
    Path file = dir.resolve("chart.png");
    OutputTarget.of(file).writeFile(tmp -> Files.writeString(tmp, "png"));
    assertEquals("png", Files.readString(file));
    assumeTrue(Files.exists(Path.of("/dev/null")));
    OutputTarget.of(Path.of("/dev/null")).writeFile(tmp -> Files.writeString(tmp, "png"));
    assertEquals(List.of(), temporaries());
  }
}
