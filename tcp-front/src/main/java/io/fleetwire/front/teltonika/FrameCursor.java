package io.fleetwire.front.teltonika;

/**
 * Big-endian reads over one region of a frame, each checked against the region's end so that no
 * declared count or length can read past it.
 */
final class FrameCursor {
  private final byte[] buf;
  private final int frameStart;
  private final int limit;
  private int pos;

  FrameCursor(byte[] buf, int frameStart, int pos, int limit) {
    this.buf = buf;
    this.frameStart = frameStart;
    this.pos = pos;
    this.limit = limit;
  }

  /** Back to an earlier {@link #position()}, to read the region a second way. */
  void rewind(int position) {
    pos = position;
  }

  byte[] buffer() {
    return buf;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return limit - pos;
  }

  /** Offset from the frame's first byte, for error messages. */
  int frameOffset() {
    return pos - frameStart;
  }

  int u8() {
    need(1);
    return buf[pos++] & 0xff;
  }

  int u16() {
    need(2);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  int s16() {
    return (short) u16();
  }

  int s32() {
    need(4);
    int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
        | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  long u32() {
    return s32() & 0xffffffffL;
  }

  long s64() {
    long high = s32() & 0xffffffffL;
    long low = s32() & 0xffffffffL;
    return (high << 32) | low;
  }

  /** Skips {@code n} bytes and returns the offset of the first one. */
  int take(int n) {
    need(n);
    int start = pos;
    pos += n;
    return start;
  }

  private void need(int n) {
    if (n > limit - pos) {
      throw new ContentException("truncated-record", "needs " + n + " byte(s) at frame offset "
          + frameOffset() + " but the record data ends at offset " + (limit - frameStart));
    }
  }
}
