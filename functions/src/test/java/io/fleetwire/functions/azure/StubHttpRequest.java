package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An HTTP request as the Functions Java worker hands it over, with a response builder that keeps what it is given. */
final class StubHttpRequest implements HttpRequestMessage<Optional<String>> {
  private final HttpMethod method;
  private final URI uri;
  private final Map<String, String> query;
  private final Map<String, String> headers;
  private final Optional<String> body;

  StubHttpRequest(String method, String path, Map<String, String> query, String body, Map<String, String> headers) {
    this.method = HttpMethod.value(method);
    this.uri = URI.create("https://fleetwire.example" + path);
    this.query = Map.copyOf(query);
    // the Java worker passes header names in lower case
    Map<String, String> lower = new HashMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    this.headers = lower;
    this.body = body == null || body.isEmpty() ? Optional.empty() : Optional.of(body);
  }

  static StubHttpRequest get(String path) {
    return new StubHttpRequest("GET", path, Map.of(), null, Map.of());
  }

  @Override
  public URI getUri() {
    return uri;
  }

  @Override
  public HttpMethod getHttpMethod() {
    return method;
  }

  @Override
  public Map<String, String> getHeaders() {
    return headers;
  }

  @Override
  public Map<String, String> getQueryParameters() {
    return query;
  }

  @Override
  public Optional<String> getBody() {
    return body;
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return new Response.Builder(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return new Response.Builder(status);
  }

  /** The built response: status, headers (names as set) and body. */
  record Response(HttpStatusType getStatus, Map<String, String> headers, Object getBody) implements HttpResponseMessage {

    @Override
    public String getHeader(String name) {
      return headers.get(name);
    }

    byte[] bodyBytes() {
      Object body = getBody;
      if (body == null) {
        return new byte[0];
      }
      return body instanceof byte[] bytes ? bytes : body.toString().getBytes(StandardCharsets.UTF_8);
    }

    String bodyText() {
      return new String(bodyBytes(), StandardCharsets.UTF_8);
    }

    static final class Builder implements HttpResponseMessage.Builder {
      private HttpStatusType status;
      private final Map<String, String> headers = new LinkedHashMap<>();
      private Object body;

      Builder(HttpStatusType status) {
        this.status = status;
      }

      @Override
      public HttpResponseMessage.Builder status(HttpStatusType newStatus) {
        this.status = newStatus;
        return this;
      }

      @Override
      public HttpResponseMessage.Builder header(String name, String value) {
        headers.put(name, value);
        return this;
      }

      @Override
      public HttpResponseMessage.Builder body(Object newBody) {
        this.body = newBody;
        return this;
      }

      @Override
      public HttpResponseMessage build() {
        return new Response(status, Map.copyOf(headers), body);
      }
    }
  }
}
