package io.fleetwire.contract.registry;

/** The shape of a device identity: 15 ASCII digits, as the Teltonika login carries it. */
public final class Imei {
  public static final int LENGTH = 15;

  private Imei() {
  }

  public static boolean isWellFormed(String imei) {
    if (imei == null || imei.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = imei.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
