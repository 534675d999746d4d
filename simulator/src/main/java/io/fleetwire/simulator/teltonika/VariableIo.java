package io.fleetwire.simulator.teltonika;

import java.util.Arrays;
import java.util.HexFormat;

/** One variable-length IO element of Codec 8 Extended's NX group. */
public record VariableIo(int id, byte[] value) {

  public VariableIo {
    if (value.length > 0xFFFF) {
      throw new IllegalArgumentException("IO " + id + ": variable value longer than 65535 bytes");
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VariableIo that && id == that.id && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return 31 * id + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "VariableIo[id=" + id + ", value=" + hex() + "]";
  }

  /** The value as lower-case hex, the form the contract's {@code ioHex} holds. */
  public String hex() {
    return HexFormat.of().formatHex(value);
  }
}
