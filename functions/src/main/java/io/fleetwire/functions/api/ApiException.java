package io.fleetwire.functions.api;

import java.util.Map;

/** A request the API refuses, with the status and error body to answer it with. */
final class ApiException extends RuntimeException {
  private final int status;
  private final String error;
  private final Map<String, String> headers;

  ApiException(int status, String error, String detail) {
    this(status, error, detail, Map.of());
  }

  ApiException(int status, String error, String detail, Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.error = error;
    this.headers = headers;
  }

  static ApiException badRequest(String error, String detail) {
    return new ApiException(400, error, detail);
  }

  ApiResponse response() {
    return ApiResponse.json(status, new ApiError(error, getMessage()), headers);
  }
}
