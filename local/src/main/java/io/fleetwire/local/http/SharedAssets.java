package io.fleetwire.local.http;

import io.fleetwire.functions.dashboard.DashboardAssets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's files as read-only direct buffers, one per file for the life of the server: a
 * response writes a duplicate (its own indices over the same memory), so serving a file copies
 * nothing per request and queues nothing but the duplicate's small header, however many are in
 * flight. Heap byte arrays would be copied into a fresh direct buffer on every write.
 */
final class SharedAssets {
  /** One file: the shared content (never released) and its type. */
  record SharedAsset(ByteBuf content, String contentType) {
    ByteBuf body() {
      return content.duplicate();
    }
  }

  private final DashboardAssets assets;
  private final Map<String, Optional<SharedAsset>> shared = new ConcurrentHashMap<>();

  SharedAssets(DashboardAssets assets) {
    this.assets = assets;
  }

  Optional<SharedAsset> find(String relativePath) {
    return shared.computeIfAbsent(relativePath, path -> assets.find(path).map(SharedAssets::share));
  }

  private static SharedAsset share(DashboardAssets.Asset asset) {
    ByteBuffer direct = ByteBuffer.allocateDirect(asset.bytes().length);
    direct.put(asset.bytes()).flip();
    return new SharedAsset(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct.asReadOnlyBuffer())),
        asset.contentType());
  }
}
