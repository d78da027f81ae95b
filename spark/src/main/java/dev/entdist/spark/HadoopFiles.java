package dev.entdist.spark;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files by URI through the Hadoop file system API, so a job reads and writes local paths,
 * {@code hdfs://}, {@code s3a://} or whatever the user's Hadoop configuration supports.
 */
final class HadoopFiles {

  private HadoopFiles() {}

  /** The whole file at {@code uri}. */
  static byte[] readAll(Configuration conf, String uri) throws IOException {
    Path p = new Path(uri);
    FileSystem fs = p.getFileSystem(conf);
    if (!fs.exists(p)) {
      throw new FileNotFoundException(uri + " does not exist");
    }
    if (fs.getFileStatus(p).isDirectory()) {
      throw new IOException(uri + " is a directory, not a file");
    }
    try (InputStream in = fs.open(p); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  /**
   * The files {@code uri} names, sorted by path: the file itself, the files of a directory
   * (not starting with '.' or '_'), or the matches of a glob.
   *
   * @throws FileNotFoundException when nothing matches
   */
  static List<String> files(Configuration conf, String uri) throws IOException {
    Path p = new Path(uri);
    FileSystem fs = p.getFileSystem(conf);
    FileStatus[] matches = fs.globStatus(p);
    if (matches == null || matches.length == 0) {
      throw new FileNotFoundException(uri + " does not exist");
    }
    List<String> out = new ArrayList<>();
    for (FileStatus m : matches) {
      if (m.isDirectory()) {
        for (FileStatus f : fs.listStatus(m.getPath())) {
          String name = f.getPath().getName();
          if (f.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
            out.add(f.getPath().toString());
          }
        }
      } else {
        out.add(m.getPath().toString());
      }
    }
    out.sort(null);
    if (out.isEmpty()) {
      throw new FileNotFoundException(uri + " holds no files");
    }
    return out;
  }

  /** Whether anything exists at {@code uri}. */
  static boolean exists(Configuration conf, String uri) throws IOException {
    Path p = new Path(uri);
    return p.getFileSystem(conf).exists(p);
  }

  /** Copies the local file {@code local} to {@code uri} (replacing it). */
  static void upload(Configuration conf, java.nio.file.Path local, String uri)
      throws IOException {
    Path p = new Path(uri);
    FileSystem fs = p.getFileSystem(conf);
    Path tmp = new Path(p.getParent(), "." + p.getName() + ".tmp");
    fs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp);
    fs.delete(p, false);
    if (!fs.rename(tmp, p)) {
      throw new IOException("cannot move " + tmp + " to " + p);
    }
  }

  /** Whether {@code uri} is a path on this machine's file system (no scheme, or file:). */
  static boolean isLocal(String uri) {
    return !uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || uri.startsWith("file:");
  }
}
