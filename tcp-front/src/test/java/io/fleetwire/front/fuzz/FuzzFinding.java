package io.fleetwire.front.fuzz;

/** A broken invariant in a fuzz target: the input that raised it is a bug to fix. */
final class FuzzFinding extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FuzzFinding(String message) {
    super(message);
  }
}
