package io.fleetwire.functions.report;

/** A device has more records in a range than a report reads; the message names the device and range. */
public final class TooManyRecordsException extends RuntimeException {
  TooManyRecordsException(String message) {
    super(message, null, false, false);
  }
}
