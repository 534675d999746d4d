package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.functions.report.SyntheticTrack;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.fleetwire.functions.api.ApiFixture.IMEI;
import static io.fleetwire.functions.api.ApiFixture.NOW;
import static io.fleetwire.functions.api.ApiFixture.OTHER_IMEI;
import static io.fleetwire.functions.api.ApiFixture.assertError;
import static io.fleetwire.functions.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceRoutesTest {
  private final ApiFixture fixture = new ApiFixture();

  @Test
  void listsNoDevicesOnAnEmptyStore() {
    ApiResponse response = fixture.get("/api/devices");

    assertEquals(200, response.status());
    assertEquals("{\"items\":[],\"next\":null}", response.bodyText());
  }

  @Test
  void listFollowsNextThroughEveryDeviceOnceByImei() {
    List<String> registered = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String imei = "35209308145" + (2200 + i);
      fixture.post("/api/devices", "{\"imei\":\"" + imei + "\",\"name\":\"Van " + i + "\"}");
      registered.add(imei);
    }
    List<String> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      ApiResponse response = next == null ? fixture.get("/api/devices", "limit", "2")
          : fixture.get("/api/devices", "limit", "2", "next", next);
      assertEquals(200, response.status(), response.bodyText());
      JsonNode page = json(response);
      assertTrue(page.get("items").size() <= 2);
      page.get("items").forEach(item -> seen.add(item.get("imei").asText()));
      next = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (next != null && pages < 10);

    assertEquals(3, pages);
    assertEquals(registered, seen);
  }

  @Test
  void listRefusesATokenOfAnotherListOrABadLimit() {
    fixture.store(new SyntheticTrack(IMEI, NOW.minusSeconds(60)).at(0).at(1).records());
    fixture.store(new SyntheticTrack(OTHER_IMEI, NOW.minusSeconds(60)).at(0).records());
    String positionsNext = json(fixture.get("/api/devices/" + IMEI + "/positions", "limit", "1")).get("next").asText();

    assertError(fixture.get("/api/devices", "next", positionsNext), 400, "bad_next");
    assertError(fixture.get("/api/devices", "next", "%%%not-base64"), 400, "bad_next");
    assertError(fixture.get("/api/devices", "limit", "0"), 400, "bad_limit");
  }

  @Test
  void listsEveryDeviceWithItsLatestRecordAndWhetherItIsOnline() {
    fixture.store(new SyntheticTrack(IMEI, NOW.minusSeconds(600)).position(45.5, 10.25).speed(42).at(0).at(60).records());
    fixture.store(new SyntheticTrack(OTHER_IMEI, NOW.minusSeconds(3600)).position(46.0, 11.0).at(0).records());

    JsonNode items = json(fixture.get("/api/devices")).get("items");

    assertEquals(2, items.size());
    JsonNode recent = items.get(0);
    assertEquals(IMEI, recent.get("imei").asText());
    assertEquals(NOW.minusSeconds(540).toString(), recent.get("lastSeen").asText());
    assertTrue(recent.get("online").asBoolean(), "seen 9 minutes ago, within the 15-minute window");
    assertEquals(NOW.minusSeconds(540).toString(), recent.get("last").get("ts").asText());
    JsonNode stale = items.get(1);
    assertEquals(OTHER_IMEI, stale.get("imei").asText());
    assertEquals(false, stale.get("online").asBoolean(), "seen an hour ago");
  }

  @Test
  void showsOneDeviceInTheDesignShapeWithRecordFieldsAsDesigned() {
    fixture.store(new SyntheticTrack(IMEI, NOW.minusSeconds(60)).position(45.5, 10.25).speed(42)
        .ignition(true).event(239).at(0).records());

    ApiResponse response = fixture.get("/api/devices/" + IMEI);

    assertEquals(200, response.status());
    JsonNode device = json(response);
    List<String> deviceFields = new ArrayList<>();
    device.fieldNames().forEachRemaining(deviceFields::add);
    assertEquals(List.of("imei", "name", "registered", "lastSeen", "online", "last"), deviceFields);
    assertTrue(device.get("name").isNull());
    assertEquals(false, device.get("registered").asBoolean());
    JsonNode last = device.get("last");
    for (String field : List.of("imei", "ts", "receivedAt", "lat", "lon", "alt", "angle", "speed", "sats",
        "priority", "event", "io", "sensors")) {
      assertTrue(last.has(field), "Record JSON has " + field + ": " + last);
    }
    assertEquals(45.5, last.get("lat").asDouble());
    assertEquals(42, last.get("speed").asInt());
    assertEquals(1.0, last.get("sensors").get("ignition").asDouble());
  }

  @Test
  void answers404ForAnUnknownDevice() {
    String detail = assertError(fixture.get("/api/devices/" + IMEI), 404, "unknown_device");

    assertTrue(detail.contains(IMEI), detail);
  }

  @Test
  void answers400ForAnImeiThatIsNot15Digits() {
    assertTrue(assertError(fixture.get("/api/devices/12345"), 400, "bad_imei").contains("15 digits"));
    assertTrue(assertError(fixture.get("/api/devices/35630704244101x"), 400, "bad_imei").contains("15 digits"));
  }

  @Test
  void registersADeviceWith201AndShowsItRegistered() {
    ApiResponse response = fixture.post("/api/devices", "{\"imei\":\"" + IMEI + "\",\"name\":\"Van 7\"}");

    assertEquals(201, response.status());
    JsonNode device = json(response);
    assertEquals(IMEI, device.get("imei").asText());
    assertEquals("Van 7", device.get("name").asText());
    assertTrue(device.get("registered").asBoolean());
    assertTrue(device.get("last").isNull());
    assertEquals(false, device.get("online").asBoolean());
    assertTrue(fixture.store.isRegistered(IMEI));
    assertEquals("Van 7", json(fixture.get("/api/devices/" + IMEI)).get("name").asText());
  }

  @Test
  void registersADeviceWithoutAName() {
    ApiResponse response = fixture.post("/api/devices", "{\"imei\":\"" + IMEI + "\"}");

    assertEquals(201, response.status());
    assertTrue(json(response).get("name").isNull());
  }

  @Test
  void answers409WhenRegisteringARegisteredDevice() {
    fixture.post("/api/devices", "{\"imei\":\"" + IMEI + "\",\"name\":\"Van 7\"}");

    ApiResponse again = fixture.post("/api/devices", "{\"imei\":\"" + IMEI + "\",\"name\":\"Van 8\"}");

    assertTrue(assertError(again, 409, "already_registered").contains(IMEI));
    assertEquals("Van 7", fixture.store.device(IMEI).orElseThrow().name());
  }

  @Test
  void answers400ForBodiesThatAreNotADeviceRegistration() {
    assertTrue(assertError(fixture.post("/api/devices", "{\"imei\":"), 400, "bad_body").contains("not valid JSON"));
    assertTrue(assertError(fixture.post("/api/devices", "[1,2]"), 400, "bad_body").contains("JSON object"));
    assertTrue(assertError(fixture.post("/api/devices", ""), 400, "bad_body").contains("JSON object"));
    assertTrue(assertError(fixture.post("/api/devices", "{\"name\":\"x\"}"), 400, "bad_body").contains("\"imei\""));
    assertTrue(assertError(fixture.post("/api/devices", "{\"imei\":356307042441013}"), 400, "bad_body")
        .contains("\"imei\""));
    assertTrue(assertError(fixture.post("/api/devices", "{\"imei\":\"12345\"}"), 400, "bad_imei")
        .contains("'12345'"));
    assertTrue(assertError(fixture.post("/api/devices", "{\"imei\":\"" + IMEI + "\",\"name\":7}"), 400, "bad_body")
        .contains("\"name\""));
    String longName = "x".repeat(DeviceRoutes.MAX_NAME_LENGTH + 1);
    assertTrue(assertError(fixture.post("/api/devices", "{\"imei\":\"" + IMEI + "\",\"name\":\"" + longName + "\"}"),
        400, "bad_body").contains("longer than"));
    assertEquals(false, fixture.store.isRegistered(IMEI));
  }

  @Test
  void removesARegisteredDeviceWith204() {
    fixture.post("/api/devices", "{\"imei\":\"" + IMEI + "\",\"name\":\"Van 7\"}");

    ApiResponse response = fixture.delete("/api/devices/" + IMEI);

    assertEquals(204, response.status());
    assertEquals(0, response.body().length);
    assertEquals(false, fixture.store.isRegistered(IMEI));
  }

  @Test
  void answers404WhenRemovingADeviceThatIsNotRegistered() {
    assertTrue(assertError(fixture.delete("/api/devices/" + IMEI), 404, "unknown_device").contains("not registered"));
    assertEquals(400, fixture.delete("/api/devices/123").status());
  }
}
