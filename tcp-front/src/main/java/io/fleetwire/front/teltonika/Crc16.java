package io.fleetwire.front.teltonika;

/** CRC-16/IBM (a.k.a. CRC-16/ARC): polynomial 0x8005 reflected (0xA001), initial value 0. */
final class Crc16 {
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private Crc16() {
  }

  static int ibm(byte[] data, int offset, int length) {
    int crc = 0;
    for (int i = offset; i < offset + length; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xff];
    }
    return crc;
  }
}
