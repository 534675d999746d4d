package io.fleetwire.front.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.front.backpressure.BackpressureMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** At most a few requests of one connection are answered at once; a flood of pipelined ones closes it. */
class HttpPipelineLimitTest {
  private final BackpressureMetrics metrics = BackpressureMetrics.unregistered("test");

  /** Takes requests and answers none until told. */
  private static final class SlowApplication extends ChannelInboundHandlerAdapter {
    final List<FullHttpRequest> received = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      received.add((FullHttpRequest) msg);
    }

    void answerOne(EmbeddedChannel channel) {
      ReferenceCountUtil.release(received.remove(0));
      channel.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
      ReferenceCountUtil.release(channel.readOutbound());
    }
  }

  private static FullHttpRequest get() {
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/metrics");
  }

  @Test
  void answersAFewAtOnceAndTheRestInOrderAsAnswersLeave() {
    SlowApplication application = new SlowApplication();
    EmbeddedChannel channel = new EmbeddedChannel(new HttpPipelineLimit(2, 8, Duration.ofSeconds(30), metrics),
        application);
    for (int i = 0; i < 5; i++) {
      channel.writeInbound(get());
    }

    assertEquals(2, application.received.size());
    assertFalse(channel.config().isAutoRead(), "still reading with requests waiting");
    application.answerOne(channel);
    assertEquals(2, application.received.size());
    application.answerOne(channel);
    application.answerOne(channel);
    application.answerOne(channel);
    assertEquals(1, application.received.size());
    assertTrue(channel.config().isAutoRead(), "reading did not resume once nothing waited");
    application.received.forEach(ReferenceCountUtil::release);
    channel.finishAndReleaseAll();
  }

  @Test
  void closesAConnectionThatPipelinesBeyondTheBound() {
    SlowApplication application = new SlowApplication();
    EmbeddedChannel channel = new EmbeddedChannel(new HttpPipelineLimit(Duration.ofSeconds(30), metrics), application);
    for (int i = 0; i < 1_000 && channel.isOpen(); i++) {
      channel.writeInbound(get());
    }

    assertFalse(channel.isOpen());
    assertEquals(HttpPipelineLimit.DEFAULT_MAX_IN_FLIGHT, application.received.size());
    assertEquals(1, metrics.closes("pipelining"));
    application.received.forEach(ReferenceCountUtil::release);
    channel.finishAndReleaseAll();
  }
}
