package io.fleetwire.front.health;

/** What the readiness probe reports: ready only while the publisher can publish and the front is not draining. */
public interface Readiness {

  boolean publisherReady();

  boolean draining();

  default boolean ready() {
    return publisherReady() && !draining();
  }
}
