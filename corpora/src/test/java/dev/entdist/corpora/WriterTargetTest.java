package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CorpusFiles#writer(Path, CorpusFormat, boolean)} on targets that are not regular files:
 * a directory is refused, a pipe is written through; neither is replaced by a regular file. A
 * regular file gets the permissions the umask gives any new file.
 */
class WriterTargetTest {

  @TempDir Path dir;

  private static List<AnnotatedExample> examples() {
    return BundledCorpus.load("cell").examples().subList(0, 5);
  }

  @Test
  void aDirectoryIsRefusedAndKept() throws IOException {
    Path target = Files.createDirectory(dir.resolve("out.jsonl"));
    IOException e = assertThrows(IOException.class,
        () -> CorpusFiles.write(target, examples(), CorpusFormat.JSONL, false));
    assertTrue(e.getMessage().contains(target.toString())
        && e.getMessage().contains("is a directory"), e.getMessage());
    assertTrue(Files.isDirectory(target), "the directory was replaced");
  }

  @Test
  void aNamedPipeIsWrittenThroughAndKept() throws Exception {
    Path fifo = dir.resolve("pipe.jsonl");
    assumeTrue(mkfifo(fifo), "mkfifo is not available here");
    Path regular = dir.resolve("regular.jsonl");
    CorpusFiles.write(regular, examples(), CorpusFormat.JSONL, false);

    // A pipe blocks its writer until a reader opens it: read it on another thread.
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readAllBytes(fifo);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    CorpusFiles.write(fifo, examples(), CorpusFormat.JSONL, false);
    assertArrayEquals(Files.readAllBytes(regular), read.get(30, TimeUnit.SECONDS));
    assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the pipe was replaced");
    try (var s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")),
          "a temporary file was left behind");
    }
  }

  @Test
  void aWrittenCorpusHasThePermissionsOfAFreshlyCreatedFile() throws Exception {
    assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null,
        "the file system has no POSIX permissions");
    Path fresh = Files.createFile(dir.resolve("fresh"));
    Path out = dir.resolve("out.jsonl");
    CorpusFiles.write(out, examples(), CorpusFormat.JSONL, false);
    assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(out));
  }

  /** Creates a named pipe with the system's mkfifo; false where there is none. */
  private static boolean mkfifo(Path path) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
      return p.waitFor() == 0 && Files.exists(path);
    } catch (IOException e) {
      return false;
    }
  }
}
