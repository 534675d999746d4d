package io.fleetwire.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.store.Page;
import io.fleetwire.functions.alert.AlertEvaluator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The alert routes (DESIGN "Alerts"): rules ({@code GET|POST /api/rules},
 * {@code GET|DELETE /api/rules/{id}}) and alerts ({@code GET /api/alerts?from&to&imei&limit&next},
 * newest first; {@code state=open} lists the alerts open now).
 */
final class AlertRoutes {
  static final int MAX_OPEN_LISTED = 1000;

  private final AlertStore store;
  private final AlertEvaluator evaluator;
  private final RequestParams params;

  AlertRoutes(AlertStore store, AlertEvaluator evaluator, RequestParams params) {
    this.store = store;
    this.evaluator = evaluator;
    this.params = params;
  }

  ApiResponse rules() {
    return ApiResponse.json(200, Map.of("items", store.rules()));
  }

  /** {@code POST /api/rules}: the rule as JSON; {@code id} optional (generated). 201 with the rule. */
  ApiResponse create(ApiRequest request) {
    JsonNode body;
    try {
      body = Json.mapper().readTree(request.body());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("bad_json", "the body is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("bad_rule", "the body must be a JSON object: a rule");
    }
    if (!body.hasNonNull("id")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("id", UUID.randomUUID().toString());
    }
    AlertRule rule;
    try {
      rule = Json.mapper().treeToValue(body, AlertRule.class);
    } catch (DatabindException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      String detail = cause == e ? e.getOriginalMessage() : cause.getMessage();
      throw ApiException.badRequest("bad_rule", detail);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw ApiException.badRequest("bad_rule", e.getMessage());
    }
    try {
      store.createRule(rule);
    } catch (IllegalArgumentException e) {
      throw new ApiException(409, "rule_conflict", e.getMessage());
    }
    evaluator.rulesChanged();
    return ApiResponse.json(201, rule, Map.of("Location", FleetApi.PREFIX + "/rules/" + rule.id()));
  }

  ApiResponse show(String id) {
    return ApiResponse.json(200, store.rule(id).orElseThrow(() -> unknown(id)));
  }

  ApiResponse delete(String id) {
    if (!store.deleteRule(id)) {
      throw unknown(id);
    }
    evaluator.rulesChanged();
    return ApiResponse.noContent();
  }

  ApiResponse alerts(ApiRequest request) {
    String state = request.param("state").orElse(null);
    if (state != null) {
      if (!state.equals("open")) {
        throw ApiException.badRequest("bad_state", "'state' can only be open, got " + RequestParams.quoted(state));
      }
      int limit = request.param("limit").isPresent() ? Math.min(RequestParams.limit(request), MAX_OPEN_LISTED)
          : MAX_OPEN_LISTED;
      return ApiResponse.json(200, page(store.openAlerts(limit), null));
    }
    TimeRange range = params.range(request);
    String imei = request.param("imei").map(RequestParams::imei).orElse(null);
    Page<Alert> page;
    try {
      page = store.alerts(range.from(), range.to(), imei, RequestParams.limit(request), request.param("next").orElse(null));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad_next", e.getMessage());
    }
    return ApiResponse.json(200, page(page.items(), page.next()));
  }

  private static Map<String, Object> page(List<Alert> items, String next) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("next", next);
    return body;
  }

  private static ApiException unknown(String id) {
    return new ApiException(404, "unknown_rule", "no rule " + RequestParams.quoted(id));
  }
}
