package io.fleetwire.local;

import io.fleetwire.front.http.HttpLimits;
import io.fleetwire.front.limits.ConnectionLimits;
import io.fleetwire.local.http.LocalHttpServer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the embedded stack. {@code tcpPort}/{@code httpPort} 0 bind any free port (tests).
 * {@code demoDevices} simulated trackers are started in-process against the stack's own front.
 * Without API tokens the HTTP server must stay on a loopback address: anyone who can reach it
 * could otherwise command the fleet.
 *
 * @param apiTokens    {@code ROLE:TOKEN} or bare {@code TOKEN} (admin); empty for none
 * @param allowedHosts Host names the HTTP server answers to beside the loopback names
 * @param deviceLimits connection count, deadlines and rate of the device port
 * @param httpLimits   connection count and deadlines of the HTTP server
 */
public record LocalConfig(
    String tcpHost,
    int tcpPort,
    String httpHost,
    int httpPort,
    Path dataDir,
    Policy policy,
    Duration idleTimeout,
    int maxFrameBytes,
    int demoDevices,
    Duration demoInterval,
    List<String> apiTokens,
    List<String> allowedHosts,
    ConnectionLimits deviceLimits,
    HttpLimits httpLimits) {

  /** Device acceptance (DESIGN "Configuration"): any well-formed IMEI, or only registered ones. */
  public enum Policy { open, registered }

  public static final String DATABASE_FILE = "fleetwire.db";

  public LocalConfig {
    checkPort("--tcp-port", tcpPort);
    checkPort("--http-port", httpPort);
    if (maxFrameBytes < 0) {
      throw new IllegalArgumentException("--max-frame-bytes must be 0 (default) or more, not " + maxFrameBytes);
    }
    if (demoDevices < 0) {
      throw new IllegalArgumentException("--demo must be 0 or more, not " + demoDevices);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("--idle-timeout must be positive, not " + idleTimeout);
    }
    apiTokens = apiTokens == null ? List.of() : apiTokens.stream().filter(t -> t != null && !t.isBlank()).toList();
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    if (apiTokens.isEmpty() && !isLoopback(httpHost)) {
      throw new IllegalArgumentException("--http-host " + httpHost + " is reachable from other machines: give"
          + " --api-token ROLE:TOKEN, or keep the default 127.0.0.1");
    }
  }

  /** The settings with one admin token ({@code null} for none) and default limits. */
  public LocalConfig(String tcpHost, int tcpPort, String httpHost, int httpPort, Path dataDir, Policy policy,
      Duration idleTimeout, int maxFrameBytes, int demoDevices, Duration demoInterval, String apiToken) {
    this(tcpHost, tcpPort, httpHost, httpPort, dataDir, policy, idleTimeout, maxFrameBytes, demoDevices, demoInterval,
        apiToken == null ? List.of() : List.of(apiToken), List.of(), ConnectionLimits.defaults(),
        defaultHttpLimits());
  }

  /** The HTTP server's defaults, its connection count within the open-files budget. */
  public static HttpLimits defaultHttpLimits() {
    return HttpLimits.defaults(LocalHttpServer.MAX_REQUEST_BYTES);
  }

  private static boolean isLoopback(String host) {
    try {
      return host.equalsIgnoreCase("localhost") || InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void checkPort(String flag, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(flag + " must be 0..65535 (0: any free port), not " + port);
    }
  }

  public Path databaseFile() {
    return dataDir.resolve(DATABASE_FILE);
  }
}
