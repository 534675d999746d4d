package io.fleetwire.local.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files as the servers publish them: the page, its modules under
 * {@code dashboard/} and the WebJars under {@code webjars/}, all from the classpath.
 */
final class DashboardAssets {

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "png", "image/png",
      "svg", "image/svg+xml",
      "json", "application/json",
      "map", "application/json");

  record Asset(byte[] body, String contentType) {
  }

  private DashboardAssets() {
  }

  /**
   * The asset for a path below the page's root ("" is the page itself), or empty when there is
   * none; paths that try to leave their folder are refused.
   */
  static Optional<Asset> find(String relativePath) {
    if (relativePath.contains("..") || relativePath.contains("//")) {
      return Optional.empty();
    }
    String resource;
    if (relativePath.isEmpty() || relativePath.equals("dashboard") || relativePath.equals("dashboard/")
        || relativePath.equals("index.html")) {
      resource = "dashboard/index.html";
    } else if (relativePath.startsWith("dashboard/") || relativePath.startsWith("webjars/")) {
      resource = relativePath.startsWith("webjars/") ? "META-INF/resources/" + relativePath : relativePath;
    } else {
      return Optional.empty();
    }
    try (InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      String extension = resource.substring(resource.lastIndexOf('.') + 1);
      return Optional.of(new Asset(in.readAllBytes(), TYPES.getOrDefault(extension, "application/octet-stream")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
