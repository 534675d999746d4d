package io.fleetwire.front.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

class ConnectionRateLimitTest {
  private static final InetAddress ONE = address(10, 0, 0, 1);
  private static final InetAddress OTHER = address(10, 0, 0, 2);

  private final AtomicLong nanos = new AtomicLong();

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void refusesABurstBeyondTheRateFromOneAddressButNotFromAnother() {
    ConnectionRateLimit limit = new ConnectionRateLimit(3, 100, nanos::get);

    assertTrue(limit.tryAcquire(ONE));
    assertTrue(limit.tryAcquire(ONE));
    assertTrue(limit.tryAcquire(ONE));
    assertFalse(limit.tryAcquire(ONE), "fourth connection within the same instant");
    assertTrue(limit.tryAcquire(OTHER));
  }

  @Test
  void refillsAtTheRate() {
    ConnectionRateLimit limit = new ConnectionRateLimit(2, 100, nanos::get);
    assertTrue(limit.tryAcquire(ONE));
    assertTrue(limit.tryAcquire(ONE));
    assertFalse(limit.tryAcquire(ONE));

    nanos.addAndGet(500_000_000L);

    assertTrue(limit.tryAcquire(ONE), "half a second at 2/s gives one token back");
    assertFalse(limit.tryAcquire(ONE));
  }

  @Test
  void remembersAtMostTheBoundedNumberOfAddresses() {
    ConnectionRateLimit limit = new ConnectionRateLimit(1, 2, nanos::get);

    limit.tryAcquire(address(10, 0, 1, 1));
    limit.tryAcquire(address(10, 0, 1, 2));
    limit.tryAcquire(address(10, 0, 1, 3));

    assertEquals(2, limit.trackedAddresses());
  }
}
