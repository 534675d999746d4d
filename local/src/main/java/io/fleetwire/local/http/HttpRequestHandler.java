package io.fleetwire.local.http;

import io.fleetwire.functions.api.ApiRequest;
import io.fleetwire.functions.api.ApiResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Translates Netty's HTTP objects to {@link ApiRequest}/{@link ApiResponse}; API work runs off the event loop. */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);

  private final HttpRouter router;
  private final Executor apiPool;

  HttpRequestHandler(HttpRouter router, Executor apiPool) {
    this.router = router;
    this.apiPool = apiPool;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean head = request.method().name().equals("HEAD");
    ApiRequest apiRequest = translate(request);
    if (router.isAsset(apiRequest.path())) {
      write(ctx, router.route(apiRequest), keepAlive, head);
      return;
    }
    try {
      apiPool.execute(() -> {
        ApiResponse response = router.route(apiRequest);
        ctx.executor().execute(() -> write(ctx, response, keepAlive, head));
      });
    } catch (RejectedExecutionException e) {
      write(ctx, new ApiResponse(503, ApiResponse.JSON,
          "{\"error\":\"unavailable\",\"detail\":\"server is shutting down\"}".getBytes(StandardCharsets.UTF_8),
          Map.of()), false, head);
    }
  }

  private static ApiRequest translate(FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    Map<String, String> query = new HashMap<>();
    for (Map.Entry<String, List<String>> param : uri.parameters().entrySet()) {
      query.put(param.getKey(), param.getValue().get(0));
    }
    Map<String, String> headers = new HashMap<>();
    request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
    return new ApiRequest(request.method().name(), uri.path(), query,
        request.content().toString(StandardCharsets.UTF_8), headers);
  }

  private static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive, boolean head) {
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(response.status()),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
    if (response.contentType() != null) {
      out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    }
    response.headers().forEach((name, value) -> out.headers().set(name, value));
    out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
    HttpUtil.setKeepAlive(out, keepAlive);
    ctx.writeAndFlush(out);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
