package io.fleetwire.local.http;

import io.fleetwire.front.http.HttpErrors;
import io.fleetwire.front.http.HttpLimits;
import io.fleetwire.functions.api.ApiRequest;
import io.fleetwire.functions.api.ApiResponse;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.local.http.HttpRouter.Api;
import io.fleetwire.local.http.HttpRouter.Asset;
import io.fleetwire.local.http.HttpRouter.Redirect;
import io.fleetwire.local.http.HttpRouter.Refused;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DateFormatter;
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
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Translates Netty's HTTP objects to {@link ApiRequest}/{@link ApiResponse}; API work runs off the
 * event loop, files are written from their shared buffers on it.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);

  private final HttpRouter router;
  private final FleetApi api;
  private final Executor apiPool;
  private final HttpLimits limits;

  HttpRequestHandler(HttpRouter router, FleetApi api, Executor apiPool, HttpLimits limits) {
    this.router = router;
    this.api = api;
    this.apiPool = apiPool;
    this.limits = limits;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      // the decoder ignores the rest of the connection after a malformed request: answer, then close
      ctx.writeAndFlush(HttpErrors.decodeFailure(request.decoderResult(), limits)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean head = request.method().name().equals("HEAD");
    ApiRequest apiRequest;
    try {
      apiRequest = translate(request);
    } catch (IllegalArgumentException e) {
      write(ctx, error(400, "bad_uri", "the URI is not valid: " + e.getMessage(), Map.of()), keepAlive, head);
      return;
    }
    HttpRouter.Route route = router.route(apiRequest);
    if (route instanceof Refused refused) {
      write(ctx, error(refused.status(), refused.error(), refused.detail(), refused.headers()), keepAlive, head);
    } else if (route instanceof Redirect redirect) {
      write(ctx, new ApiResponse(308, null, new byte[0], Map.of("Location", redirect.location())), keepAlive, head);
    } else if (route instanceof Asset asset) {
      respond(ctx, HttpResponseStatus.OK, asset.asset().contentType(),
          head ? Unpooled.EMPTY_BUFFER : asset.asset().body(), asset.asset().content().readableBytes(),
          Map.of("Cache-Control", "no-cache"), keepAlive);
    } else if (route instanceof Api call) {
      callApi(ctx, apiRequest, call, keepAlive, head);
    }
  }

  private void callApi(ChannelHandlerContext ctx, ApiRequest apiRequest, Api call, boolean keepAlive, boolean head) {
    try {
      apiPool.execute(() -> {
        ApiResponse response = api.handle(apiRequest, call.role());
        ctx.executor().execute(() -> write(ctx, response, keepAlive, head));
      });
    } catch (RejectedExecutionException e) {
      write(ctx, error(503, "unavailable", "server is shutting down", Map.of()), false, head);
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

  private static ApiResponse error(int status, String error, String detail, Map<String, String> headers) {
    return new ApiResponse(status, ApiResponse.JSON, HttpErrors.body(error, detail), headers);
  }

  private static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive, boolean head) {
    respond(ctx, HttpResponseStatus.valueOf(response.status()), response.contentType(),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()), response.body().length,
        response.headers(), keepAlive);
  }

  private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String contentType, ByteBuf body,
      int length, Map<String, String> headers, boolean keepAlive) {
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    if (contentType != null) {
      out.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    headers.forEach((name, value) -> out.headers().set(name, value));
    out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, length);
    // the dashboard asks for the devices changed since its previous answer, by this server's clock
    out.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
    HttpUtil.setKeepAlive(out, keepAlive);
    ctx.writeAndFlush(out);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
