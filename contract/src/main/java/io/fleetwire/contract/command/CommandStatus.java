package io.fleetwire.contract.command;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a device command is in its life: queued, sent to the device, then one final state. */
public enum CommandStatus {
  QUEUED, SENT, ANSWERED, FAILED, EXPIRED;

  /** True for the states a command never leaves. */
  public boolean isFinal() {
    return this == ANSWERED || this == FAILED || this == EXPIRED;
  }

  /** The lower-case name used in JSON and in stores. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CommandStatus of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
