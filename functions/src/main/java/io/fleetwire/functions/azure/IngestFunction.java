package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import io.fleetwire.functions.ingest.IngestResult;
import io.fleetwire.functions.ingest.IngestService;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Service Bus → ingest → store. Each message is an envelope of many device batches (DESIGN "Queue
 * messages and cost at scale"), handled on its own: one that is unreadable, invalid or refused by
 * the store is kept in the rejected store by ingest, and the others of the delivery are still
 * stored. Only a store that is unavailable throws, so the runtime redelivers the whole batch and,
 * after {@code maxDeliveryCount}, dead-letters it; redelivery is harmless, the store upserts by
 * id and an alert's id is derived from its rule, device and start. A batch gets no lock renewal,
 * so host.json bounds the batch and the run inside the lock.
 */
public final class IngestFunction {
  private final Supplier<IngestService> ingest;

  public IngestFunction() {
    this(FunctionsRuntime::ingest);
  }

  public IngestFunction(Supplier<IngestService> ingest) {
    this.ingest = Objects.requireNonNull(ingest, "ingest");
  }

  @FunctionName("ingest")
  public void ingest(
      @ServiceBusQueueTrigger(name = "messages", queueName = "%FLEETWIRE_QUEUE%", connection = "ServiceBusConnection",
          cardinality = Cardinality.MANY, dataType = "binary") byte[][] messages,
      @BindingName("MessageIdArray") String[] messageIds,
      ExecutionContext context) {
    IngestService service = ingest.get();
    IngestResult total = IngestResult.NONE;
    for (int i = 0; i < messages.length; i++) {
      String id = messageIds != null && i < messageIds.length ? messageIds[i] : "delivery-" + i;
      total = total.plus(service.ingestMessage(id, messages[i]));
    }
    IngestResult result = total;
    context.getLogger().info(() -> String.format("ingested %d messages: %d records stored, %d invalid, %d messages rejected",
        messages.length, result.stored(), result.invalid(), result.rejectedMessages()));
  }
}
