package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.azure.AzureClients;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertDelivery;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.alert.RuleProgress;
import io.fleetwire.contract.store.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts in Cosmos DB, in the containers declared beside the others: {@code rules} (partition key
 * {@code /id}: a few hundred documents), {@code alerts} (partition key {@code /imei}: each
 * device's alerts and its rules' progress, {@code type} telling them apart) and
 * {@code alertDeliveries} (partition key {@code /id}: the webhook outbox, one document per change,
 * read by id). Times that queries order by are kept as epoch milliseconds beside the JSON. Every
 * query is counted by {@link #readCounter()}.
 */
public final class CosmosAlertStore implements AlertStore {
  public static final String RULES = "rules";
  public static final String ALERTS = "alerts";
  public static final String DELIVERIES = "alertDeliveries";
  private static final String ALERT = "alert";
  private static final String PROGRESS = "progress";

  private final CosmosAsyncContainer rules;
  private final CosmosAsyncContainer alerts;
  private final CosmosAsyncContainer deliveries;
  private final CosmosReadCounter counter = new CosmosReadCounter();
  private final Duration timeout;

  public CosmosAlertStore(CosmosAsyncDatabase database, Duration timeout) {
    this.rules = database.getContainer(RULES);
    this.alerts = database.getContainer(ALERTS);
    this.deliveries = database.getContainer(DELIVERIES);
    this.timeout = timeout;
  }

  /** The containers of the account the settings name, on the process's shared client. */
  public static CosmosAlertStore create(CosmosSettings settings) {
    return new CosmosAlertStore(AzureClients.cosmosDatabase(settings), settings.operationTimeout());
  }

  /** The queries this store has issued and what they read, for benchmarks and diagnostics. */
  public CosmosReadCounter readCounter() {
    return counter;
  }

  @Override
  public void createRule(AlertRule rule) {
    long count = count(rules, new SqlQuerySpec("SELECT VALUE COUNT(1) FROM c"), "counting rules");
    if (count >= MAX_RULES) {
      throw new IllegalArgumentException("at most " + MAX_RULES + " rules");
    }
    try {
      CosmosCalls.await(rules.createItem(document(rule), new PartitionKey(rule.id()), new CosmosItemRequestOptions()),
          timeout);
    } catch (CosmosException e) {
      if (e.getStatusCode() == CosmosCalls.CONFLICT) {
        throw new IllegalArgumentException("rule " + rule.id() + " exists already", e);
      }
      throw CosmosCalls.translate("storing rule " + rule.id(), e);
    }
  }

  @Override
  public Optional<AlertRule> rule(String id) {
    return read(rules, id, id, "reading rule " + id).map(doc -> value(doc, AlertRule.class));
  }

  @Override
  public List<AlertRule> rules() {
    return query(rules, new SqlQuerySpec("SELECT * FROM c ORDER BY c.id"), "listing rules").stream()
        .map(doc -> value(doc, AlertRule.class)).toList();
  }

  @Override
  public boolean deleteRule(String id) {
    List<ObjectNode> progress = query(alerts, new SqlQuerySpec(
        "SELECT c.id, c.imei FROM c WHERE c.type = @type AND c.ruleId = @rule",
        new SqlParameter("@type", PROGRESS), new SqlParameter("@rule", id)), "finding the progress of rule " + id);
    for (ObjectNode doc : progress) {
      delete(alerts, doc.path("id").asText(), doc.path("imei").asText(), "removing progress of rule " + id);
    }
    return delete(rules, id, id, "removing rule " + id);
  }

  @Override
  public Map<String, RuleProgress> progress(String imei) {
    Map<String, RuleProgress> found = new HashMap<>();
    query(alerts, new SqlQuerySpec("SELECT * FROM c WHERE c.imei = @imei AND c.type = @type",
        new SqlParameter("@imei", imei), new SqlParameter("@type", PROGRESS)), "reading alert progress of " + imei)
        .forEach(doc -> {
          RuleProgress progress = value(doc.get("progress"), RuleProgress.class);
          found.put(progress.ruleId(), progress);
        });
    return found;
  }

  @Override
  public void apply(Collection<RuleProgress> progress, List<Alert> changes, Instant now) {
    for (RuleProgress p : progress) {
      ObjectNode doc = Json.mapper().createObjectNode();
      doc.put("id", "progress-" + p.ruleId());
      doc.put("imei", p.imei());
      doc.put("type", PROGRESS);
      doc.put("ruleId", p.ruleId());
      doc.set("progress", Json.mapper().valueToTree(p));
      CosmosCalls.call("storing alert progress of " + p.imei(),
          alerts.upsertItem(doc, new PartitionKey(p.imei()), new CosmosItemRequestOptions()), timeout);
    }
    for (Alert change : changes) {
      ObjectNode doc = document(change);
      doc.put("type", ALERT);
      doc.put("tsMillis", change.ts().toEpochMilli());
      if (change.state() == AlertStatus.OPEN) {
        createIgnoringConflict(alerts, doc, change.imei(), "storing alert " + change.id());
      } else {
        CosmosCalls.call("closing alert " + change.id(),
            alerts.upsertItem(doc, new PartitionKey(change.imei()), new CosmosItemRequestOptions()), timeout);
      }
      AlertDelivery delivery = AlertDelivery.of(change, now);
      createIgnoringConflict(deliveries, deliveryDocument(delivery), delivery.id(), "queueing " + delivery.id());
    }
  }

  @Override
  public Page<Alert> alerts(Instant from, Instant to, String imei, int limit, String continuation) {
    List<SqlParameter> params = new ArrayList<>(List.of(new SqlParameter("@type", ALERT),
        new SqlParameter("@from", from.toEpochMilli()), new SqlParameter("@to", to.toEpochMilli())));
    String sql = "SELECT * FROM c WHERE c.type = @type AND c.tsMillis >= @from AND c.tsMillis < @to";
    CosmosQueryRequestOptions options = new CosmosQueryRequestOptions();
    if (imei != null) {
      sql += " AND c.imei = @imei";
      params.add(new SqlParameter("@imei", imei));
      options.setPartitionKey(new PartitionKey(imei));
    }
    sql += " ORDER BY c.tsMillis DESC, c.id DESC";
    return CosmosCalls.page("listing alerts",
        counter.counted(alerts.queryItems(new SqlQuerySpec(sql, params), options, ObjectNode.class)), limit, continuation,
        doc -> value(strip(doc), Alert.class), timeout);
  }

  /**
   * One single-partition query filtered on indexed paths ({@code /imei}, {@code /type},
   * {@code /tsMillis}) that returns only each alert's kind; they are counted here, as a device has
   * a handful of alerts a day and a GROUP BY would cost a query plan round trip for no saving.
   */
  @Override
  public Map<AlertKind, Integer> countAlerts(String imei, Instant from, Instant to) {
    SqlQuerySpec query = new SqlQuerySpec(
        "SELECT VALUE c.kind FROM c WHERE c.imei = @imei AND c.type = @type AND c.tsMillis >= @from AND c.tsMillis < @to",
        new SqlParameter("@imei", imei), new SqlParameter("@type", ALERT),
        new SqlParameter("@from", from.toEpochMilli()), new SqlParameter("@to", to.toEpochMilli()));
    List<String> kinds = CosmosCalls.call("counting alerts of " + imei,
        counter.counted(alerts.queryItems(query, new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(imei)),
            String.class)).collectList(), timeout);
    Map<AlertKind, Integer> counts = new EnumMap<>(AlertKind.class);
    if (kinds != null) {
      kinds.forEach(kind -> counts.merge(AlertKind.of(kind), 1, Integer::sum));
    }
    return counts;
  }

  @Override
  public List<Alert> openAlerts(int limit) {
    return query(alerts, new SqlQuerySpec(
        "SELECT TOP @limit * FROM c WHERE c.type = @type AND c.state = @state ORDER BY c.tsMillis DESC, c.id DESC",
        new SqlParameter("@limit", limit), new SqlParameter("@type", ALERT),
        new SqlParameter("@state", AlertStatus.OPEN.json())), "listing open alerts")
        .stream().map(doc -> value(strip(doc), Alert.class)).toList();
  }

  /**
   * A cross-partition {@code SELECT VALUE COUNT(1)} on the range indexes of {@code /type} and
   * {@code /state}: the client sums the partitions' counts.
   */
  @Override
  public long openAlertCount() {
    return count(alerts, new SqlQuerySpec("SELECT VALUE COUNT(1) FROM c WHERE c.type = @type AND c.state = @state",
        new SqlParameter("@type", ALERT), new SqlParameter("@state", AlertStatus.OPEN.json())), "counting open alerts");
  }

  @Override
  public List<AlertDelivery> dueDeliveries(Instant now, int limit) {
    return query(deliveries, new SqlQuerySpec(
        "SELECT TOP @limit * FROM c WHERE c.status = @status AND c.nextAttemptMillis <= @now "
            + "ORDER BY c.nextAttemptMillis ASC, c.changedMillis ASC",
        new SqlParameter("@limit", limit), new SqlParameter("@status", AlertDelivery.Status.PENDING.name()),
        new SqlParameter("@now", now.toEpochMilli())), "listing due alert deliveries")
        .stream().map(doc -> value(doc.get("delivery"), AlertDelivery.class)).toList();
  }

  @Override
  public void attempted(String deliveryId, boolean delivered, Instant next, String error) {
    AlertDelivery d = delivery(deliveryId).orElseThrow(() -> new IllegalArgumentException("no delivery " + deliveryId));
    AlertDelivery.Status status = delivered ? AlertDelivery.Status.DELIVERED
        : next == null ? AlertDelivery.Status.ABANDONED : AlertDelivery.Status.PENDING;
    AlertDelivery after = new AlertDelivery(d.id(), d.alert(), d.changedAt(), d.attempts() + 1,
        status == AlertDelivery.Status.PENDING ? next : null, status, delivered ? null : error);
    CosmosCalls.call("recording a delivery of " + deliveryId,
        deliveries.upsertItem(deliveryDocument(after), new PartitionKey(deliveryId), new CosmosItemRequestOptions()),
        timeout);
  }

  @Override
  public Optional<AlertDelivery> delivery(String deliveryId) {
    return read(deliveries, deliveryId, deliveryId, "reading delivery " + deliveryId)
        .map(doc -> value(doc.get("delivery"), AlertDelivery.class));
  }

  private static ObjectNode deliveryDocument(AlertDelivery delivery) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("id", delivery.id());
    doc.put("status", delivery.status().name());
    if (delivery.nextAttemptAt() != null) {
      doc.put("nextAttemptMillis", delivery.nextAttemptAt().toEpochMilli());
    }
    doc.put("changedMillis", delivery.changedAt().toEpochMilli());
    doc.set("delivery", Json.mapper().valueToTree(delivery));
    return doc;
  }

  private void createIgnoringConflict(CosmosAsyncContainer container, ObjectNode doc, String partition, String what) {
    try {
      CosmosCalls.await(container.createItem(doc, new PartitionKey(partition), new CosmosItemRequestOptions()), timeout);
    } catch (CosmosException e) {
      if (e.getStatusCode() != CosmosCalls.CONFLICT) {
        throw CosmosCalls.translate(what, e);
      }
    }
  }

  private Optional<ObjectNode> read(CosmosAsyncContainer container, String id, String partition, String what) {
    try {
      var response = CosmosCalls.await(container.readItem(id, new PartitionKey(partition), ObjectNode.class), timeout);
      return Optional.ofNullable(response == null ? null : response.getItem());
    } catch (CosmosException e) {
      if (e.getStatusCode() == CosmosCalls.NOT_FOUND) {
        return Optional.empty();
      }
      throw CosmosCalls.translate(what, e);
    }
  }

  private boolean delete(CosmosAsyncContainer container, String id, String partition, String what) {
    try {
      CosmosCalls.await(container.deleteItem(id, new PartitionKey(partition), new CosmosItemRequestOptions()), timeout);
      return true;
    } catch (CosmosException e) {
      if (e.getStatusCode() == CosmosCalls.NOT_FOUND) {
        return false;
      }
      throw CosmosCalls.translate(what, e);
    }
  }

  private List<ObjectNode> query(CosmosAsyncContainer container, SqlQuerySpec query, String what) {
    List<ObjectNode> items = CosmosCalls.call(what,
        counter.counted(container.queryItems(query, new CosmosQueryRequestOptions(), ObjectNode.class)).collectList(),
        timeout);
    return items == null ? List.of() : items;
  }

  private long count(CosmosAsyncContainer container, SqlQuerySpec query, String what) {
    Long count = CosmosCalls.call(what, counter.counted(container.queryItems(query, new CosmosQueryRequestOptions(),
        Long.class)).reduce(0L, Long::sum), timeout);
    return count == null ? 0 : count;
  }

  /** The alert's own JSON, without the system and query fields the document carries. */
  private static ObjectNode strip(ObjectNode doc) {
    ObjectNode copy = doc.deepCopy();
    copy.remove(List.of("type", "tsMillis", "_rid", "_self", "_etag", "_attachments", "_ts"));
    return copy;
  }

  private static ObjectNode document(Object value) {
    return Json.mapper().valueToTree(value);
  }

  private static <T> T value(com.fasterxml.jackson.databind.JsonNode doc, Class<T> type) {
    try {
      return Json.mapper().treeToValue(doc, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored " + type.getSimpleName() + " is not readable", e);
    }
  }
}
