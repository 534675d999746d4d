package io.fleetwire.front.teltonika;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwire.testsupport.AvlFrameWriter;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Crc16Test {

  @Test
  void matchesTheCrc16ArcCheckValue() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);

    assertEquals(0xBB3D, Crc16.ibm(check, 0, check.length));
  }

  @Property(tries = 300)
  void agreesWithABitwiseCrcOnAnySlice(@ForAll @Size(max = 100) byte[] data,
      @ForAll @IntRange(max = 100) int skip) {
    int offset = Math.min(skip, data.length);

    assertEquals(AvlFrameWriter.crc16(data, offset, data.length - offset),
        Crc16.ibm(data, offset, data.length - offset));
  }
}
