package io.fleetwire.local.store;

import io.fleetwire.contract.store.StoreUnavailableException;

import java.sql.SQLException;

/**
 * Sorts SQLite failures into those that may pass (busy, disk full, I/O error, read-only file: the
 * caller retries, the queue redelivers) and those that will not (bugs, corruption).
 */
final class SqliteFailure {
  // Primary result codes, https://www.sqlite.org/rescode.html (the low byte of an extended code).
  private static final int BUSY = 5;
  private static final int LOCKED = 6;
  private static final int READONLY = 8;
  private static final int IOERR = 10;
  private static final int FULL = 13;
  private static final int CANTOPEN = 14;

  private SqliteFailure() {
  }

  static RuntimeException of(String action, SQLException e) {
    String cause = switch (e.getErrorCode() & 0xff) {
      case BUSY, LOCKED -> "the database is locked by another connection or process";
      case READONLY -> "the database file is read-only";
      case IOERR -> "a disk I/O error occurred";
      case FULL -> "the disk is full";
      case CANTOPEN -> "the database file cannot be opened";
      default -> null;
    };
    if (cause == null) {
      return new IllegalStateException("SQLite store failed while " + action + ": " + e.getMessage(), e);
    }
    return new StoreUnavailableException(
        "SQLite store unavailable while " + action + ": " + cause + " (" + e.getMessage() + ")", e);
  }
}
