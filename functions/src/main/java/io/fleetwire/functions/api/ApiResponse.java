package io.fleetwire.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwire.contract.Json;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What {@link FleetApi} answers: status, content type ({@code null} when there is no body), body
 * bytes (UTF-8 text for JSON and CSV) and extra headers such as {@code Allow}.
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  public static final String JSON = "application/json; charset=utf-8";
  public static final String CSV = "text/csv; charset=utf-8";

  public ApiResponse {
    body = body == null ? new byte[0] : body;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  static ApiResponse json(int status, Object value) {
    return json(status, value, Map.of());
  }

  static ApiResponse json(int status, Object value, Map<String, String> headers) {
    try {
      return new ApiResponse(status, JSON, Json.mapper().writeValueAsBytes(value), headers);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("response body is not writable as JSON", e);
    }
  }

  static ApiResponse text(int status, String contentType, String text, Map<String, String> headers) {
    return new ApiResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8), headers);
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, new byte[0], Map.of());
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
