package io.fleetwire.simulator.teltonika;

/** CRC-16/IBM (polynomial 0xA001 reflected, initial value 0) as Teltonika's AVL packets use it. */
public final class Crc16Ibm {
  private Crc16Ibm() {
  }

  public static int of(byte[] bytes, int offset, int length) {
    int crc = 0;
    for (int i = offset; i < offset + length; i++) {
      crc ^= bytes[i] & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }
}
