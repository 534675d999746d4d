package io.fleetwire.contract.fleet;

import java.time.Instant;
import java.util.Locale;

/**
 * Which devices a listing returns. {@code text}: devices whose IMEI starts with it or whose name
 * contains it, ignoring case ({@code null}: all). {@code changedSince}: only devices the store
 * changed (new data, registered, renamed, removed from the registry) strictly after that instant,
 * by the store's own clock ({@code null}: all). A listing with {@code changedSince} is ordered by
 * the time of the change, oldest first (ties by IMEI), so a client that polls with the time of its
 * previous poll sees every change once it has paged to the end; without it, by IMEI.
 */
public record DeviceQuery(String text, Instant changedSince) {
  public static final DeviceQuery ALL = new DeviceQuery(null, null);
  public static final int MAX_TEXT = 100;

  public DeviceQuery {
    if (text != null) {
      text = text.strip();
      if (text.isEmpty()) {
        text = null;
      } else if (text.length() > MAX_TEXT) {
        throw new IllegalArgumentException("search text is longer than " + MAX_TEXT + " characters");
      }
    }
  }

  /** True if a device of this IMEI and name is one the text asks for (always without text). */
  public boolean matches(String imei, String name) {
    if (text == null) {
      return true;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    return imei.startsWith(text) || (name != null && name.toLowerCase(Locale.ROOT).contains(lower));
  }
}
