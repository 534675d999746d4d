package io.fleetwire.front.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwire.contract.Json;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON error answers of the HTTP listeners, {@code {"error","detail"}}, written by Jackson. */
public final class HttpErrors {
  public static final String JSON = "application/json; charset=utf-8";

  private HttpErrors() {
  }

  /** The error body as bytes. */
  public static byte[] body(String error, String detail) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    try {
      return Json.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("error body is not writable as JSON", e);
    }
  }

  /** A complete response with the error body; the caller decides keep-alive. */
  public static FullHttpResponse response(HttpResponseStatus status, String error, String detail) {
    byte[] bytes = body(error, detail);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return response;
  }

  /**
   * The answer to a request Netty could not decode: 414 for a request line over the limit (in
   * practice the URI), 431 for headers over it, 400 for anything else malformed.
   */
  public static FullHttpResponse decodeFailure(DecoderResult result, HttpLimits limits) {
    Throwable cause = result.cause();
    if (cause instanceof TooLongHttpLineException) {
      return response(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri_too_long",
          "the request line is longer than " + limits.maxInitialLineBytes() + " bytes");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return response(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large",
          "the request headers are larger than " + limits.maxHeaderBytes() + " bytes");
    }
    return response(HttpResponseStatus.BAD_REQUEST, "bad_request",
        "the request is not valid HTTP/1.1: " + (cause == null ? "malformed" : cause.getMessage()));
  }
}
