package io.fleetwire.front.publish;

import io.fleetwire.contract.Json;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.TelemetryPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Appends one JSON line per batch to a file and confirms a batch only after its line is forced to
 * disk. One writer thread commits in groups: it takes every batch queued so far, writes all their
 * lines, forces once and completes them all, so many devices share one fsync.
 *
 * <p>On an I/O failure the group's futures fail (no ack: the devices resend), the group's partial
 * bytes are cut off again where possible, and {@link #isReady()} stays false until a write
 * succeeds. The queue is bounded; a full queue fails the publish at once.
 */
public final class NdjsonTelemetryPublisher implements TelemetryPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(NdjsonTelemetryPublisher.class);
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
  private static final int MAX_GROUP = 8_192;
  private static final long IDLE_POLL_MILLIS = 100;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Path path;
  private final BlockingQueue<Pending> queue;
  private final Thread writer;
  private volatile boolean ready;
  private volatile boolean closed;
  private FileChannel file;

  private record Pending(TelemetryBatch batch, CompletableFuture<Void> done) {
  }

  public NdjsonTelemetryPublisher(Path path) {
    this(path, DEFAULT_QUEUE_CAPACITY);
  }

  public NdjsonTelemetryPublisher(Path path, int queueCapacity) {
    this.path = path;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    try {
      file = open();
      ready = true;
    } catch (IOException e) {
      LOG.warn("cannot open {} for appending ({}); not ready until a write succeeds", path, e.toString());
    }
    writer = new Thread(this::writeLoop, "ndjson-writer");
    writer.setDaemon(true);
    writer.start();
  }

  public Path path() {
    return path;
  }

  @Override
  public CompletionStage<Void> publish(TelemetryBatch batch) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("NDJSON publisher is closed"));
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!queue.offer(new Pending(batch, done))) {
      return CompletableFuture.failedFuture(new RejectedExecutionException(
          "NDJSON publisher queue is full (" + (queue.size() + queue.remainingCapacity()) + " batches)"));
    }
    return done;
  }

  @Override
  public boolean isReady() {
    return ready && !closed;
  }

  private void writeLoop() {
    List<Pending> group = new ArrayList<>();
    try {
      while (true) {
        Pending first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            return;
          }
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        commit(group);
        group.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void commit(List<Pending> group) {
    ByteArrayOutputStream lines = new ByteArrayOutputStream(group.size() * 512);
    List<Pending> written = new ArrayList<>(group.size());
    for (Pending pending : group) {
      try {
        lines.write(Json.mapper().writeValueAsBytes(pending.batch()));
        lines.write('\n');
        written.add(pending);
      } catch (IOException e) {
        pending.done().completeExceptionally(e);
      }
    }
    long start = -1;
    try {
      if (file == null) {
        file = open();
      }
      start = file.size();
      ByteBuffer bytes = ByteBuffer.wrap(lines.toByteArray());
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
      // fdatasync: the data and the file length, which is all a reader needs after a crash.
      file.force(false);
    } catch (IOException e) {
      fail(written, start, e);
      return;
    }
    if (!ready) {
      LOG.info("writing to {} again", path);
    }
    ready = true;
    for (Pending pending : written) {
      pending.done().complete(null);
    }
  }

  private void fail(List<Pending> written, long start, IOException cause) {
    if (ready) {
      LOG.error("cannot write to {}: {}; failing {} batches, not ready until a write succeeds",
          path, cause.toString(), written.size());
    }
    ready = false;
    if (file != null) {
      try {
        if (start >= 0) {
          file.truncate(start);
        }
      } catch (IOException truncateFailure) {
        LOG.warn("cannot cut the partial group off {}: {}", path, truncateFailure.toString());
      }
      closeQuietly();
    }
    for (Pending pending : written) {
      pending.done().completeExceptionally(cause);
    }
  }

  private FileChannel open() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  private void closeQuietly() {
    try {
      file.close();
    } catch (IOException e) {
      LOG.warn("closing {}: {}", path, e.toString());
    }
    file = null;
  }

  /** Commits what is queued (bounded wait), fails what is left, closes the file. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new IllegalStateException("NDJSON publisher closed before writing"));
    }
    if (!writer.isAlive() && file != null) {
      closeQuietly();
    }
  }
}
