package io.fleetwire.front.teltonika;

/**
 * A Codec 12 frame of type 0x0D from a camera accessory. Its payload starts with a part byte:
 * {@link #PART_START} announces a photo ({@code photoId}, {@code photoSize}), {@link #PART_DATA}
 * carries {@code chunkLength} bytes of it from {@code offset}; the server asks for each chunk in
 * turn. Other parts carry nothing the server answers. {@code hex}: the whole payload.
 */
public record CameraFrame(int part, long photoId, long photoSize, long offset, int chunkLength, String hex)
    implements DeviceMessage {
  public static final int TYPE_CAMERA = 0x0D;
  public static final int PART_START = 0x01;
  public static final int PART_DATA = 0x02;
  /** The request the server sends for the next chunk. */
  public static final int PART_REQUEST = 0x02;
}
