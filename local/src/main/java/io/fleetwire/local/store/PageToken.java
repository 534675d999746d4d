package io.fleetwire.local.store;

import io.fleetwire.contract.Record;

/** Where a positions page ended: the (time in epoch ms, id) of its last record, as {@code ts|id}. */
record PageToken(long ts, String id) {

  static String after(Record last) {
    return last.ts().toEpochMilli() + "|" + last.id();
  }

  static PageToken parse(String token) {
    int bar = token.indexOf('|');
    if (bar > 0 && bar < token.length() - 1) {
      try {
        return new PageToken(Long.parseLong(token.substring(0, bar)), token.substring(bar + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("malformed continuation token: " + token, e);
      }
    }
    throw new IllegalArgumentException("malformed continuation token: " + token);
  }
}
