package io.fleetwire.simulator.teltonika;

import java.util.Locale;

/** The AVL data codecs a simulated tracker can speak, with their codec id byte. */
public enum Codec {
  CODEC_8(0x08, "8"),
  CODEC_8E(0x8E, "8e"),
  CODEC_16(0x10, "16");

  private final int id;
  private final String label;

  Codec(int id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The codec id byte on the wire. */
  public int id() {
    return id;
  }

  /** The short name used on the command line: {@code 8}, {@code 8e} or {@code 16}. */
  public String label() {
    return label;
  }

  /** Parses {@code 8}, {@code 8e} or {@code 16} (case-insensitive). */
  public static Codec parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (Codec codec : values()) {
      if (codec.label.equals(wanted)) {
        return codec;
      }
    }
    throw new IllegalArgumentException("unknown codec '" + text + "': expected 8, 8e or 16");
  }
}
