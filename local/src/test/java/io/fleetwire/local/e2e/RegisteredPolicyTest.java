package io.fleetwire.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwire.local.LocalConfig;
import io.fleetwire.local.LocalStack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --policy registered} only devices registered through the API may log in. */
class RegisteredPolicyTest {
  private static final String IMEI = "356307042441013";

  @TempDir
  Path data;

  @Test
  void unregisteredDeviceIsRefusedUntilRegistered() throws Exception {
    try (LocalStack stack = LocalStack.start(StackConfigs.of(data, LocalConfig.Policy.registered, null))) {
      try (RawDevice device = new RawDevice(stack.tcpPort())) {
        assertEquals(0, device.login(IMEI));
      }
      StackClient.Reply registered = new StackClient(stack.httpPort())
          .post("/api/devices", "{\"imei\":\"" + IMEI + "\",\"name\":\"van 7\"}");
      assertEquals(201, registered.status(), registered.body().toString());
      try (RawDevice device = new RawDevice(stack.tcpPort())) {
        assertEquals(1, device.login(IMEI));
      }
    }
  }
}
