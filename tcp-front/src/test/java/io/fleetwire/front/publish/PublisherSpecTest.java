package io.fleetwire.front.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.TelemetryPublisher;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class PublisherSpecTest {

  @Test
  void parsesNdjsonWithItsPath() {
    assertEquals(new PublisherSpec.Ndjson(Path.of("./data/telemetry.ndjson")),
        PublisherSpec.parse("ndjson:./data/telemetry.ndjson"));
  }

  @Test
  void parsesMemory() {
    assertInstanceOf(PublisherSpec.Memory.class, PublisherSpec.parse("memory"));
  }

  @Test
  void rejectsAnUnknownPublisherNamingTheChoices() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> PublisherSpec.parse("servicebus"));
    assertTrue(error.getMessage().contains("ndjson:PATH or memory"), error.getMessage());
  }

  @Test
  void rejectsNdjsonWithoutAPath() {
    assertThrows(IllegalArgumentException.class, () -> PublisherSpec.parse("ndjson:"));
  }

  @Test
  void memoryPublisherConfirmsAtOnceAndCounts() {
    InMemoryTelemetryPublisher publisher = (InMemoryTelemetryPublisher) new PublisherSpec.Memory().open();

    TelemetryPublisher asPublisher = publisher;
    assertTrue(asPublisher.publish(NdjsonTelemetryPublisherTest.batch("356307042441013", 3))
        .toCompletableFuture().isDone());
    assertEquals(1, publisher.batchCount());
    assertEquals(3, publisher.recordCount());
  }
}
