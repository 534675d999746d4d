package io.fleetwire.front.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwire.contract.Json;
import io.fleetwire.front.http.HttpErrors;
import io.fleetwire.front.http.HttpLimits;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /metrics} (Prometheus text). Bodies of
 * the health routes and of errors are JSON.
 */
@Sharable
final class HealthHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);
  private static final String JSON = "application/json";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Readiness readiness;
  private final PrometheusMeterRegistry prometheus;
  private final HttpLimits limits;
  /** One scrape serves every request within this; Prometheus scrapes every 15 s or more. */
  private static final long SCRAPE_REUSE_NANOS = 1_000_000_000L;
  private String lastScrape;
  private long lastScrapeAt;

  HealthHandler(Readiness readiness, PrometheusMeterRegistry prometheus, HttpLimits limits) {
    this.readiness = readiness;
    this.limits = limits;
    this.prometheus = prometheus;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      ctx.writeAndFlush(HttpErrors.decodeFailure(request.decoderResult(), limits)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    FullHttpResponse response;
    if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
      response = json(HttpResponseStatus.METHOD_NOT_ALLOWED, error("method not allowed", request.method() + " " + path));
    } else if (path.equals("/health/live")) {
      response = json(HttpResponseStatus.OK, Map.of("status", "UP"));
    } else if (path.equals("/health/ready")) {
      response = ready();
    } else if (path.equals("/metrics") && prometheus != null) {
      response = text(HttpResponseStatus.OK, scrape(), PROMETHEUS_TEXT);
    } else {
      response = json(HttpResponseStatus.NOT_FOUND, error("not found", path));
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(response, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * The Prometheus text, computed at most once per {@link #SCRAPE_REUSE_NANOS}: a scraper that
   * pipelines thousands of requests gets copies of one scrape, not thousands of scrapes.
   */
  private synchronized String scrape() {
    long now = System.nanoTime();
    if (lastScrape == null || now - lastScrapeAt > SCRAPE_REUSE_NANOS) {
      lastScrape = prometheus.scrape();
      lastScrapeAt = now;
    }
    return lastScrape;
  }

  private FullHttpResponse ready() {
    boolean publisherReady = readiness.publisherReady();
    boolean draining = readiness.draining();
    boolean up = publisherReady && !draining;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("publisher", publisherReady ? "UP" : "DOWN");
    body.put("draining", draining);
    return json(up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
  }

  private static Map<String, String> error(String error, String detail) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    return body;
  }

  private static FullHttpResponse json(HttpResponseStatus status, Object body) {
    try {
      return text(status, Json.mapper().writeValueAsString(body), JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("health body is not serialisable", e);
    }
  }

  private static FullHttpResponse text(HttpResponseStatus status, String body, String contentType) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return response;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("health endpoint {}: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
