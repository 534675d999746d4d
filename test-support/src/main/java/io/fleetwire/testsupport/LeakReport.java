package io.fleetwire.testsupport;

/** One leak Netty's detector found: the resource type and its access records (may be empty). */
public record LeakReport(String resourceType, String records) {
}
