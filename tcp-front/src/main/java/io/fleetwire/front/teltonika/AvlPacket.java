package io.fleetwire.front.teltonika;

import java.util.List;

/** A checked AVL data packet (Codec 8, 8E or 16): its codec id and its records in wire order. */
public record AvlPacket(int codec, List<AvlRecord> records) implements DeviceMessage {
  public static final int CODEC_8 = 0x08;
  public static final int CODEC_8E = 0x8E;
  public static final int CODEC_16 = 0x10;

  public AvlPacket {
    records = List.copyOf(records);
  }
}
