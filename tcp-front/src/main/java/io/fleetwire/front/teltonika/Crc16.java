package io.fleetwire.front.teltonika;

/**
 * CRC-16/IBM (a.k.a. CRC-16/ARC): polynomial 0x8005 reflected (0xA001), initial value 0. Eight
 * bytes per step with eight lookup tables ("slicing-by-8"): a byte-at-a-time CRC is a serial chain
 * of dependent lookups and was the largest single cost of decoding a frame.
 */
final class Crc16 {
  private static final int[][] TABLES = new int[8][256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
      TABLES[0][i] = crc;
    }
    for (int k = 1; k < 8; k++) {
      for (int i = 0; i < 256; i++) {
        int previous = TABLES[k - 1][i];
        TABLES[k][i] = (previous >>> 8) ^ TABLES[0][previous & 0xff];
      }
    }
  }

  private Crc16() {
  }

  static int ibm(byte[] data, int offset, int length) {
    int[] t0 = TABLES[0];
    int[] t1 = TABLES[1];
    int[] t2 = TABLES[2];
    int[] t3 = TABLES[3];
    int[] t4 = TABLES[4];
    int[] t5 = TABLES[5];
    int[] t6 = TABLES[6];
    int[] t7 = TABLES[7];
    int crc = 0;
    int i = offset;
    int end = offset + length;
    for (; i + 8 <= end; i += 8) {
      crc = t7[(data[i] ^ crc) & 0xff] ^ t6[(data[i + 1] ^ (crc >>> 8)) & 0xff]
          ^ t5[data[i + 2] & 0xff] ^ t4[data[i + 3] & 0xff]
          ^ t3[data[i + 4] & 0xff] ^ t2[data[i + 5] & 0xff]
          ^ t1[data[i + 6] & 0xff] ^ t0[data[i + 7] & 0xff];
    }
    for (; i < end; i++) {
      crc = (crc >>> 8) ^ t0[(crc ^ data[i]) & 0xff];
    }
    return crc;
  }
}
