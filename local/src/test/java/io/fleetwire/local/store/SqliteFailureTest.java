package io.fleetwire.local.store;

import io.fleetwire.contract.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteFailureTest {

  private static RuntimeException translate(SQLiteErrorCode code) {
    return SqliteFailure.of("storing 5 records", new SQLiteException(code.message, code));
  }

  @Test
  void busyIsUnavailableAndSaysTheDatabaseIsLocked() {
    RuntimeException e = translate(SQLiteErrorCode.SQLITE_BUSY);
    assertInstanceOf(StoreUnavailableException.class, e);
    assertTrue(e.getMessage().contains("storing 5 records") && e.getMessage().contains("locked"), e.getMessage());
  }

  @Test
  void diskFullIsUnavailable() {
    RuntimeException e = translate(SQLiteErrorCode.SQLITE_FULL);
    assertInstanceOf(StoreUnavailableException.class, e);
    assertTrue(e.getMessage().contains("disk is full"), e.getMessage());
  }

  @Test
  void extendedIoErrorIsUnavailable() {
    RuntimeException e = translate(SQLiteErrorCode.SQLITE_IOERR_WRITE);
    assertInstanceOf(StoreUnavailableException.class, e);
    assertTrue(e.getMessage().contains("I/O error"), e.getMessage());
  }

  @Test
  void readOnlyFileIsUnavailable() {
    RuntimeException e = translate(SQLiteErrorCode.SQLITE_READONLY);
    assertInstanceOf(StoreUnavailableException.class, e);
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
  }

  @Test
  void constraintViolationIsABugNotUnavailability() {
    assertInstanceOf(IllegalStateException.class, translate(SQLiteErrorCode.SQLITE_CONSTRAINT));
    assertInstanceOf(IllegalStateException.class, SqliteFailure.of("x", new SQLException("plain")));
  }
}
