package io.fleetwire.simulator;

/** Simulated device identities: 15-digit IMEIs whose last digit is the Luhn check digit. */
public final class Imei {
  private Imei() {
  }

  /**
   * The IMEI made of {@code prefix} (e.g. an 8-digit type allocation code), the serial number
   * zero-padded to fill 14 digits, and the Luhn check digit.
   */
  public static String of(String prefix, long serial) {
    if (!prefix.chars().allMatch(Character::isDigit) || prefix.isEmpty() || prefix.length() > 13) {
      throw new IllegalArgumentException("IMEI prefix must be 1..13 digits, was '" + prefix + "'");
    }
    int serialDigits = 14 - prefix.length();
    String body = prefix + String.format("%0" + serialDigits + "d", serial);
    if (serial < 0 || body.length() != 14) {
      throw new IllegalArgumentException("serial " + serial + " does not fit " + serialDigits
          + " digits after prefix " + prefix);
    }
    return body + checkDigit(body);
  }

  /** True for 15 digits whose last one is the Luhn check digit of the first 14. */
  public static boolean isValid(String imei) {
    return imei.length() == 15 && imei.chars().allMatch(Character::isDigit)
        && checkDigit(imei.substring(0, 14)) == imei.charAt(14) - '0';
  }

  private static int checkDigit(String fourteenDigits) {
    int sum = 0;
    for (int i = 0; i < fourteenDigits.length(); i++) {
      int digit = fourteenDigits.charAt(i) - '0';
      if (i % 2 == 1) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return (10 - sum % 10) % 10;
  }
}
