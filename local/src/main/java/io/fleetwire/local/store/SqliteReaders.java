package io.fleetwire.local.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Read connections for queries. In WAL mode readers see the last committed state and neither
 * block nor are blocked by the writer, so each query borrows its own connection; a few idle ones
 * are kept for reuse, any beyond that are closed when returned.
 */
final class SqliteReaders implements AutoCloseable {
  private static final int IDLE = 4;

  @FunctionalInterface
  interface Query<T> {
    T run(Connection connection) throws SQLException;
  }

  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(IDLE);
  private volatile boolean closed;

  SqliteReaders(Opener opener) {
    this.opener = opener;
  }

  <T> T read(String action, Query<T> query) {
    if (closed) {
      throw new IllegalStateException("SQLite store is closed");
    }
    Connection connection = idle.poll();
    try {
      if (connection == null) {
        connection = opener.open();
      }
      T result = query.run(connection);
      release(connection);
      return result;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw SqliteFailure.of(action, e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private void release(Connection connection) {
    if (closed || !idle.offer(connection)) {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // a failed close of a read connection loses nothing
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    List<Connection> open = new ArrayList<>();
    idle.drainTo(open);
    open.forEach(SqliteReaders::closeQuietly);
  }
}
