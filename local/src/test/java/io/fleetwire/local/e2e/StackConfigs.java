package io.fleetwire.local.e2e;

import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.local.LocalConfig;

import java.nio.file.Path;
import java.time.Duration;

/** Local stack settings for tests: loopback, any free ports, a temporary data directory. */
final class StackConfigs {
  private StackConfigs() {
  }

  static LocalConfig open(Path data) {
    return of(data, LocalConfig.Policy.open, null);
  }

  static LocalConfig of(Path data, LocalConfig.Policy policy, String apiToken) {
    return new LocalConfig("127.0.0.1", 0, "127.0.0.1", 0, data, policy, Duration.ofMinutes(1), FrontConfig.DEFAULT_MAX_FRAME_BYTES, 0,
        Duration.ofSeconds(5), apiToken);
  }
}
