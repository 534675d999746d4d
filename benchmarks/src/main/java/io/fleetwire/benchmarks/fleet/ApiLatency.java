package io.fleetwire.benchmarks.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Latency of one API route as a dashboard sees it: {@code requests} GETs one after another over
 * one kept-alive HTTP/1.1 connection, each timed from send to the last byte of the body, after
 * {@code warmup} untimed ones. Any answer but 200 ends the run: a figure over errors means nothing.
 */
final class ApiLatency {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Percentiles in milliseconds and the mean body size of one route's timed requests. */
  record Result(String name, String path, int requests, double p50Millis, double p95Millis, double maxMillis,
      long meanBodyBytes) {
    String line() {
      return String.format(Locale.ROOT, "%-28s %5d requests  p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  body %,d B  (%s)",
          name, requests, p50Millis, p95Millis, maxMillis, meanBodyBytes, path);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT).build();
  private final URI base;
  private final String token;

  /** {@code token} null for a stack without API tokens. */
  ApiLatency(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  Result measure(String name, String path, int warmup, int requests) throws IOException, InterruptedException {
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be at least 1, was " + requests);
    }
    for (int i = 0; i < warmup; i++) {
      get(path);
    }
    long[] nanos = new long[requests];
    long bytes = 0;
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      bytes += get(path).length;
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new Result(name, path, requests, percentile(nanos, 50), percentile(nanos, 95),
        nanos[requests - 1] / 1e6, bytes / requests);
  }

  /** The body of a 200 answer to {@code GET path}; anything else throws, naming the status. */
  byte[] get(String path) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode() + ": "
          + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return response.body();
  }

  /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
  static double percentile(long[] sortedNanos, double percentile) {
    int rank = (int) Math.ceil(percentile / 100 * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
  }
}
