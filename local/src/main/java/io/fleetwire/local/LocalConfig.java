package io.fleetwire.local;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the embedded stack. {@code tcpPort}/{@code httpPort} 0 bind any free port (tests).
 * {@code demoDevices} simulated trackers are started in-process against the stack's own front.
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
    String apiToken) {

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
