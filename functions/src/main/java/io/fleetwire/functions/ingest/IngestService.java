package io.fleetwire.functions.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.TelemetryEnvelope;
import io.fleetwire.contract.store.RejectedMessage;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.functions.alert.AlertEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validates queue messages and stores their valid records (DESIGN: queue → ingest → store).
 *
 * <p>Nothing is dropped silently: an invalid record and a message that can never be processed
 * (unknown schema version, unreadable body, data the store refuses for good) are kept with their
 * reason through {@link TelemetryStore#reject} and the call returns normally, so the queue
 * completes the message and the messages delivered with it are not held back. Only a
 * {@link StoreUnavailableException} propagates: the failure may pass, the queue redelivers, and
 * the idempotent store absorbs what was already stored.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final TelemetryStore store;
  private final RecordValidator validator;
  private final Clock clock;
  private final AlertEvaluator alerts;

  /** Ingest without alert rules. */
  public IngestService(TelemetryStore store, IoDictionary dictionary, Clock clock) {
    this(store, dictionary, clock, null);
  }

  /**
   * @param alerts evaluates the alert rules on every stored record, on record time; null for none.
   *     Its failures propagate like the store's, so a redelivery evaluates again (idempotently).
   */
  public IngestService(TelemetryStore store, IoDictionary dictionary, Clock clock, AlertEvaluator alerts) {
    this.store = Objects.requireNonNull(store, "store");
    this.validator = new RecordValidator(dictionary, clock);
    this.clock = clock;
    this.alerts = alerts;
  }

  /** One decoded batch, as the local in-process queue hands it over. */
  public IngestResult ingest(TelemetryBatch batch) {
    return ingest(List.of(batch));
  }

  /**
   * Decoded batches: their records stored in one {@link TelemetryStore#upsert} call, their device
   * messages in one {@link TelemetryStore#storeMessages} call.
   */
  public IngestResult ingest(List<TelemetryBatch> batches) {
    List<Record> valid = new ArrayList<>();
    List<DeviceMessage> messages = new ArrayList<>();
    List<RejectedMessage> refused = new ArrayList<>();
    int rejectedBatches = 0;
    for (TelemetryBatch batch : batches) {
      if (batch.schemaVersion() != TelemetryBatch.SCHEMA_VERSION) {
        refused.add(new RejectedMessage(batch.messageId(), clock.instant(), batch.imei(),
            unknownVersion(batch.schemaVersion()), toJson(batch)));
        rejectedBatches++;
        continue;
      }
      int invalidBefore = refused.size();
      for (Record record : batch.records()) {
        RecordValidator.Verdict verdict = validator.check(record, batch.imei());
        if (verdict.valid()) {
          valid.add(verdict.record());
        } else {
          refused.add(new RejectedMessage(record.id(), clock.instant(), record.imei(),
              "invalid record: " + verdict.problem(), toJson(record)));
        }
      }
      for (DeviceMessage message : batch.messages()) {
        if (message.imei().equals(batch.imei())) {
          messages.add(message);
        } else {
          refused.add(new RejectedMessage(message.id(), clock.instant(), batch.imei(),
              "invalid device message: its IMEI differs from its batch's IMEI " + batch.imei(), toJson(message)));
        }
      }
      if (refused.size() > invalidBefore) {
        LOG.warn("{} of {} records from {} are invalid and kept as rejected; first: {}",
            refused.size() - invalidBefore, batch.records().size(), batch.imei(),
            refused.get(invalidBefore).reason());
      }
    }
    if (!valid.isEmpty()) {
      store.upsert(valid);
      if (alerts != null) {
        alerts.evaluate(valid);
      }
    }
    if (!messages.isEmpty()) {
      store.storeMessages(messages);
    }
    refused.forEach(store::reject);
    return new IngestResult(valid.size(), refused.size() - rejectedBatches, rejectedBatches);
  }

  /** A queue message body: a {@link TelemetryEnvelope} as JSON (UTF-8). */
  public IngestResult ingestMessage(String messageId, byte[] body) {
    return ingestMessage(messageId, new String(body, StandardCharsets.UTF_8));
  }

  /** A queue message body: a {@link TelemetryEnvelope} as JSON. */
  public IngestResult ingestMessage(String messageId, String body) {
    Objects.requireNonNull(messageId, "messageId");
    TelemetryEnvelope envelope;
    try {
      JsonNode tree = Json.mapper().readTree(body);
      if (tree == null || !tree.isObject()) {
        return rejectMessage(messageId, "unreadable message: not a JSON object", body);
      }
      JsonNode version = tree.get("schemaVersion");
      if (version == null || !version.canConvertToInt()) {
        return rejectMessage(messageId, "unreadable message: no integer schemaVersion", body);
      }
      if (version.intValue() != TelemetryBatch.SCHEMA_VERSION) {
        return rejectMessage(messageId, unknownVersion(version.intValue()), body);
      }
      envelope = Json.mapper().treeToValue(tree, TelemetryEnvelope.class);
    } catch (JacksonException | IllegalArgumentException e) {
      return rejectMessage(messageId, "unreadable message: " + firstLine(e), body);
    }
    try {
      return ingest(envelope.batches());
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      // Redelivering data the store refused would fail the same way until the message is
      // dead-lettered, taking the messages delivered with it along; kept whole, it can be replayed.
      return rejectMessage(messageId, "refused by the store: " + firstLine(e), body);
    }
  }

  private IngestResult rejectMessage(String messageId, String reason, String body) {
    LOG.warn("message {} kept as rejected: {}", messageId, reason);
    store.reject(new RejectedMessage(messageId, clock.instant(), null, reason, body));
    return new IngestResult(0, 0, 1);
  }

  private static String unknownVersion(int version) {
    return "unknown schema version " + version + " (this ingest reads " + TelemetryBatch.SCHEMA_VERSION + ")";
  }

  private static String firstLine(Exception e) {
    String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String toJson(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
