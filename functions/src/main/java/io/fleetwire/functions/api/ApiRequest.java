package io.fleetwire.functions.api;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as {@link FleetApi} sees it, free of any server framework: the local HTTP server
 * and the Azure Functions adapters translate theirs into this.
 *
 * @param method  HTTP method, e.g. {@code GET} (any case)
 * @param path    the URL path including the {@code /api} prefix, without the query string
 * @param query   query parameters, already URL-decoded; one value per name
 * @param body    the request body as text ({@code ""} when there is none)
 * @param headers request headers; names are matched without regard to case
 */
public record ApiRequest(String method, String path, Map<String, String> query, String body,
    Map<String, String> headers) {

  public ApiRequest {
    method = method == null ? "" : method.toUpperCase(Locale.ROOT);
    path = path == null ? "" : path;
    query = query == null ? Map.of() : Map.copyOf(query);
    body = body == null ? "" : body;
    TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      caseless.putAll(headers);
    }
    headers = Collections.unmodifiableSortedMap(caseless);
  }

  /** A request without body or headers. */
  public static ApiRequest of(String method, String path, Map<String, String> query) {
    return new ApiRequest(method, path, query, "", Map.of());
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(query.get(name));
  }
}
