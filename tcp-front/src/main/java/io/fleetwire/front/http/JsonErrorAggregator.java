package io.fleetwire.front.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Netty's aggregator, but an oversized request gets a JSON error body, then the close. */
final class JsonErrorAggregator extends HttpObjectAggregator {

  JsonErrorAggregator(int maxContentLength) {
    super(maxContentLength);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    ctx.writeAndFlush(HttpErrors.response(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
        "request bodies are limited to " + maxContentLength() + " bytes"))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
