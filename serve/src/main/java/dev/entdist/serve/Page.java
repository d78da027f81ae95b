package dev.entdist.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The static files of the page at {@code /} and the OpenAPI document, read from the jar once:
 * a fixed list, so no request path ever reaches the file system or the class path.
 */
final class Page {

  /** A file and its content type. */
  record File(byte[] bytes, String contentType) {}

  private static final String ROOT = "/dev/entdist/serve/";

  private final Map<String, File> files = new LinkedHashMap<>();

  Page() {
    add("index.html", "page/index.html", "text/html; charset=utf-8");
    add("app.js", "page/app.js", "text/javascript; charset=utf-8");
    add("style.css", "page/style.css", "text/css; charset=utf-8");
    add("openapi.json", "openapi.json", "application/json");
  }

  /** The file called {@code name}, or {@code null}. */
  File get(String name) {
    return files.get(name);
  }

  private void add(String name, String resource, String contentType) {
    try (InputStream in = Page.class.getResourceAsStream(ROOT + resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + ROOT + resource + " is missing from the"
            + " jar");
      }
      files.put(name, new File(in.readAllBytes(), contentType));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
