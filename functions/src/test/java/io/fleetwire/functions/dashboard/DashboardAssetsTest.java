package io.fleetwire.functions.dashboard;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardAssetsTest {
  private final DashboardAssets assets = new DashboardAssets();

  @Test
  void servesThePageForAnEmptyPath() {
    DashboardAssets.Asset page = assets.find("").orElseThrow();
    assertEquals("text/html; charset=utf-8", page.contentType());
    assertTrue(new String(page.bytes(), StandardCharsets.UTF_8).contains("<html"));
  }

  @Test
  void servesThePageUnderItsAzurePathAndItsModulesAndLibraries() {
    assertTrue(new String(assets.find("dashboard").orElseThrow().bytes(), StandardCharsets.UTF_8).contains("<html"));
    assertEquals("text/javascript; charset=utf-8", assets.find("dashboard/app.js").orElseThrow().contentType());
    assertTrue(assets.find("webjars/leaflet/1.9.4/dist/leaflet.css").isPresent());
  }

  @Test
  void refusesPathsThatClimbOutOfTheRoots() {
    assertTrue(assets.find("../io/fleetwire/contract/io-dictionary-fmb.json").isEmpty());
    assertTrue(assets.find("/etc/passwd").isEmpty());
    assertTrue(assets.find("webjars/../../logback.xml").isEmpty());
  }

  @Test
  void refusesUnknownFileTypesAndMissingFiles() {
    assertTrue(assets.find("dashboard/index.class").isEmpty());
    assertTrue(assets.find("dashboard/no-such-file.js").isEmpty());
    assertTrue(assets.find("logback.xml").isEmpty());
  }
}
