package io.fleetwire.simulator.teltonika;

/**
 * CRC-16/IBM (polynomial 0xA001 reflected, initial value 0) as Teltonika's AVL packets use it,
 * table-driven: one lookup per byte instead of eight shifts.
 */
public final class Crc16Ibm {
  private static final int[] TABLE = table();

  private Crc16Ibm() {
  }

  public static int of(byte[] bytes, int offset, int length) {
    int crc = 0;
    for (int i = offset; i < offset + length; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]) & 0xFF];
    }
    return crc;
  }

  private static int[] table() {
    int[] table = new int[256];
    for (int n = 0; n < 256; n++) {
      int crc = n;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
      table[n] = crc;
    }
    return table;
  }
}
