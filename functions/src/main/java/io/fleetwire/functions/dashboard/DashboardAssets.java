package io.fleetwire.functions.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard page and its libraries, read from the classpath: the page under
 * {@code dashboard/}, libraries from WebJars under {@code META-INF/resources/webjars/}. Served
 * the same way by the local HTTP server (page at {@code /}) and the Functions app (page at
 * {@code /api/dashboard}); anything that could climb out of those two roots is refused.
 */
public final class DashboardAssets {
  private static final String PAGE_ROOT = "dashboard/";
  private static final String WEBJARS_PREFIX = "webjars/";
  private static final String WEBJARS_ROOT = "META-INF/resources/webjars/";
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("map", "application/json"));

  /** One asset: its bytes and content type. */
  public record Asset(byte[] bytes, String contentType) {
  }

  private final ClassLoader loader;
  private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

  public DashboardAssets() {
    this(DashboardAssets.class.getClassLoader());
  }

  DashboardAssets(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * The asset at {@code relativePath}, relative to the site root the page sits in ({@code /}
   * locally, {@code /api/} on Azure): empty, {@code index.html} or {@code dashboard} is the page,
   * {@code dashboard/<file>} its own files, {@code webjars/<path>} the libraries. Empty when there
   * is no such asset or the path is not allowed.
   */
  public Optional<Asset> find(String relativePath) {
    String path = relativePath == null ? "" : relativePath;
    if (path.isEmpty() || path.equals("index.html") || path.equals("dashboard") || path.equals("dashboard/")) {
      path = PAGE_ROOT + "index.html";
    }
    if (path.startsWith("/") || path.contains("..") || path.contains("\\") || path.contains("//")
        || !(path.startsWith(PAGE_ROOT) || path.startsWith(WEBJARS_PREFIX))) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(path, this::load);
  }

  private Optional<Asset> load(String path) {
    String resource = path.startsWith(WEBJARS_PREFIX)
        ? WEBJARS_ROOT + path.substring(WEBJARS_PREFIX.length())
        : path;
    int dot = path.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1));
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(new Asset(in.readAllBytes(), type));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard asset " + resource, e);
    }
  }
}
