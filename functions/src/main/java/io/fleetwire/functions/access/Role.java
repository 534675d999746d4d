package io.fleetwire.functions.access;

import java.util.Locale;
import java.util.Optional;

/**
 * Least privilege (DESIGN rule 7): each role may do what the ones below it may, and more.
 * {@code viewer} reads; {@code operator} also sends device commands and handles alerts;
 * {@code admin} also registers and removes devices and edits rules.
 */
public enum Role {
  viewer, operator, admin;

  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The role named {@code name} (any case), empty for anything else. */
  public static Optional<Role> named(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.strip().toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
