package io.fleetwire.front.limits;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per source address: each address may open {@code perSecond} connections a second,
 * in bursts of up to {@code max(1, perSecond)}. The map of addresses is bounded: beyond
 * {@code maxAddresses} the least recently seen address is forgotten (and starts again with a full
 * bucket), so a flood from many addresses costs bounded memory. Thread-safe.
 */
public final class ConnectionRateLimit {
  /** Addresses remembered at most: about 100 bytes each. */
  public static final int DEFAULT_MAX_ADDRESSES = 65_536;

  private static final double NANOS_PER_SECOND = 1e9;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<InetAddress, Bucket> buckets;

  public ConnectionRateLimit(double perSecond, int maxAddresses, LongSupplier nanoTime) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("connections per second must be positive, was " + perSecond);
    }
    if (maxAddresses < 1) {
      throw new IllegalArgumentException("max addresses must be at least 1, was " + maxAddresses);
    }
    this.perSecond = perSecond;
    this.burst = Math.max(1, perSecond);
    this.nanoTime = nanoTime;
    this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
        return size() > maxAddresses;
      }
    };
  }

  public ConnectionRateLimit(double perSecond) {
    this(perSecond, DEFAULT_MAX_ADDRESSES, System::nanoTime);
  }

  /** Takes one token of {@code address}'s bucket; false when it is empty (the connection is refused). */
  public synchronized boolean tryAcquire(InetAddress address) {
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(burst, now));
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * perSecond / NANOS_PER_SECOND);
    bucket.refilledAt = now;
    if (bucket.tokens < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  /** Addresses currently remembered. */
  public synchronized int trackedAddresses() {
    return buckets.size();
  }

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long refilledAt) {
      this.tokens = tokens;
      this.refilledAt = refilledAt;
    }
  }
}
