package io.fleetwire.functions.api;

import java.time.Instant;

/** A query's {@code [from, to)} range, already checked: {@code from} before {@code to}. */
record TimeRange(Instant from, Instant to) {
}
