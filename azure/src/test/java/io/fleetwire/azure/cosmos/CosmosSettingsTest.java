package io.fleetwire.azure.cosmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Map;

class CosmosSettingsTest {
  private static final String ENDPOINT = "https://fleet.documents.azure.com:443/";

  @Test
  void directModeUnlessGatewayIsAskedFor() {
    assertEquals(CosmosSettings.ConnectionMode.direct,
        CosmosSettings.fromEnvironment(Map.of(CosmosSettings.ENDPOINT_ENV, ENDPOINT)).connectionMode());
    assertEquals(CosmosSettings.ConnectionMode.gateway, CosmosSettings.fromEnvironment(Map.of(
        CosmosSettings.ENDPOINT_ENV, ENDPOINT, CosmosSettings.CONNECTION_MODE_ENV, " Gateway ")).connectionMode());
  }

  @Test
  void anUnknownConnectionModeIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CosmosSettings.fromEnvironment(
        Map.of(CosmosSettings.ENDPOINT_ENV, ENDPOINT, CosmosSettings.CONNECTION_MODE_ENV, "tcp")));
    assertTrue(e.getMessage().contains("FLEETWIRE_COSMOS_CONNECTION_MODE must be direct or gateway, got 'tcp'"),
        e.getMessage());
  }
}
