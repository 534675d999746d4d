package io.fleetwire.front.publish;

import io.fleetwire.contract.TelemetryPublisher;

import java.nio.file.Path;

/**
 * The {@code --publisher} setting: {@code ndjson:PATH} (append one JSON line per batch, forced to
 * disk before the ack) or {@code memory} (count only, for load runs).
 */
public sealed interface PublisherSpec {

  TelemetryPublisher open();

  record Ndjson(Path path) implements PublisherSpec {
    @Override
    public TelemetryPublisher open() {
      return new NdjsonTelemetryPublisher(path);
    }

    @Override
    public String toString() {
      return "ndjson:" + path;
    }
  }

  record Memory() implements PublisherSpec {
    @Override
    public TelemetryPublisher open() {
      return new InMemoryTelemetryPublisher();
    }

    @Override
    public String toString() {
      return "memory";
    }
  }

  static PublisherSpec parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.equals("memory")) {
      return new Memory();
    }
    if (value.startsWith("ndjson:") && value.length() > "ndjson:".length()) {
      return new Ndjson(Path.of(value.substring("ndjson:".length())));
    }
    throw new IllegalArgumentException(
        "unknown publisher '" + text + "': expected ndjson:PATH or memory");
  }
}
