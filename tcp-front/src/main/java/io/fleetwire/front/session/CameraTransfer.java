package io.fleetwire.front.session;

import io.fleetwire.front.teltonika.CameraFrame;
import io.fleetwire.front.teltonika.ServerMessage.CameraRequest;

/**
 * The photo a camera is sending on one connection. The camera announces a photo (id, size) and
 * then sends each chunk the server asks for (Codec 12 type 0x0D), so the server asks for the first
 * chunk after the announcement and for the next after each chunk until the photo is complete.
 * One photo at a time; a new announcement replaces an unfinished one.
 */
final class CameraTransfer {
  /** Largest chunk asked for at once: what cameras send and what fits a frame comfortably. */
  static final int CHUNK_BYTES = 2048;
  /** Larger announcements are not asked for: no camera photo comes near it. */
  static final long MAX_PHOTO_BYTES = 16L * 1024 * 1024;

  private long photoId = -1;
  private long photoSize;

  /** The request to send after {@code frame}, or {@code null} when there is nothing to ask. */
  CameraRequest next(CameraFrame frame) {
    if (frame.part() == CameraFrame.PART_START) {
      if (frame.photoSize() <= 0 || frame.photoSize() > MAX_PHOTO_BYTES) {
        photoId = -1;
        return null;
      }
      photoId = frame.photoId();
      photoSize = frame.photoSize();
      return request(0);
    }
    if (frame.part() == CameraFrame.PART_DATA && frame.photoId() == photoId) {
      long received = frame.offset() + frame.chunkLength();
      if (frame.chunkLength() > 0 && received < photoSize) {
        return request(received);
      }
      photoId = -1;
    }
    return null;
  }

  private CameraRequest request(long offset) {
    return new CameraRequest(photoId, offset, (int) Math.min(CHUNK_BYTES, photoSize - offset));
  }
}
