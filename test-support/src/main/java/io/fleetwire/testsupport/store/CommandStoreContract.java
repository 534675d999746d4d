package io.fleetwire.testsupport.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.command.CommandStatus;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.command.DeviceCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What every {@link CommandStore} must do; each implementation's test extends this. */
public abstract class CommandStoreContract {
  protected static final String IMEI = "352093081452251";
  protected static final String OTHER_IMEI = "356307042441013";
  protected static final Instant T0 = Instant.parse("2026-11-26T05:00:00Z");

  protected CommandStore store;

  protected abstract CommandStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  protected static DeviceCommand command(String imei, String text, Instant createdAt) {
    return DeviceCommand.queue(imei, text, DeviceCommand.CODEC_12, Duration.ofMinutes(5), createdAt);
  }

  @Test
  void createdCommandIsReadBackWithEveryField() {
    DeviceCommand getinfo = new DeviceCommand("c-1", IMEI, "getinfo", DeviceCommand.CODEC_14, 300,
        CommandStatus.QUEUED, T0, null, null, null, null, null);
    store.create(getinfo);

    assertEquals(Optional.of(getinfo), store.get(IMEI, "c-1"));
  }

  @Test
  void commandIsNotFoundUnderAnotherImei() {
    DeviceCommand getinfo = command(IMEI, "getinfo", T0);
    store.create(getinfo);

    assertEquals(Optional.empty(), store.get(OTHER_IMEI, getinfo.id()));
    assertEquals(Optional.empty(), store.get(IMEI, "no-such-id"));
  }

  @Test
  void recentListsTheDevicesCommandsNewestFirstUpToTheLimit() {
    DeviceCommand first = command(IMEI, "getinfo", T0);
    DeviceCommand second = command(IMEI, "getver", T0.plusSeconds(1));
    DeviceCommand third = command(IMEI, "getgps", T0.plusSeconds(2));
    store.create(first);
    store.create(second);
    store.create(third);
    store.create(command(OTHER_IMEI, "getinfo", T0.plusSeconds(3)));

    assertEquals(List.of(third, second), store.recent(IMEI, 2));
    assertEquals(List.of(third, second, first), store.recent(IMEI, 10));
  }

  @Test
  void queuedListsOnlyQueuedCommandsOldestFirst() {
    DeviceCommand first = command(IMEI, "getinfo", T0);
    DeviceCommand second = command(IMEI, "getver", T0.plusSeconds(1));
    DeviceCommand third = command(IMEI, "getgps", T0.plusSeconds(2));
    store.create(third);
    store.create(first);
    store.create(second);
    store.transition(first.sent(T0.plusSeconds(5)), CommandStatus.QUEUED);

    assertEquals(List.of(second, third), store.queued(IMEI));
    assertEquals(List.of(), store.queued(OTHER_IMEI));
  }

  @Test
  void transitionReplacesTheCommandWhenItIsInTheExpectedState() {
    DeviceCommand getinfo = command(IMEI, "getinfo", T0);
    store.create(getinfo);
    DeviceCommand sent = getinfo.sent(T0.plusSeconds(1));
    DeviceCommand answered = sent.answered(T0.plusSeconds(2), "RTC:2026/11/26 GPS:1");

    assertTrue(store.transition(sent, CommandStatus.QUEUED));
    assertTrue(store.transition(answered, CommandStatus.SENT));
    assertEquals(Optional.of(answered), store.get(IMEI, getinfo.id()));
  }

  @Test
  void transitionFromAnotherStateChangesNothing() {
    DeviceCommand getinfo = command(IMEI, "getinfo", T0);
    store.create(getinfo);
    DeviceCommand sent = getinfo.sent(T0.plusSeconds(1));
    store.transition(sent, CommandStatus.QUEUED);

    assertFalse(store.transition(getinfo.sent(T0.plusSeconds(9)), CommandStatus.QUEUED),
        "a second front must not take a command already sent");
    assertFalse(store.transition(command(IMEI, "unknown", T0).sent(T0), CommandStatus.QUEUED));
    assertEquals(Optional.of(sent), store.get(IMEI, getinfo.id()));
  }
}
