package io.fleetwire.front.fuzz;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Unpooled allocator that remembers every buffer it made and the largest capacity asked for, so
 * a fuzz target can check both the allocation bound and that every buffer was released.
 */
final class CountingAllocator extends AbstractByteBufAllocator {
  private final List<ByteBuf> made = new ArrayList<>();
  private int largestRequest;

  CountingAllocator() {
    super(false);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return track(Unpooled.buffer(initialCapacity, maxCapacity), initialCapacity);
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return track(Unpooled.directBuffer(initialCapacity, maxCapacity), initialCapacity);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }

  /** Records a buffer created elsewhere (the test's input chunks) for the release check. */
  ByteBuf track(ByteBuf buf, int requested) {
    made.add(buf);
    largestRequest = Math.max(largestRequest, requested);
    return buf;
  }

  int largestRequest() {
    return largestRequest;
  }

  long unreleased() {
    return made.stream().filter(buf -> buf.refCnt() != 0).count();
  }
}
