package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.functions.report.SyntheticTrack;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.fleetwire.functions.api.ApiFixture.IMEI;
import static io.fleetwire.functions.api.ApiFixture.NOW;
import static io.fleetwire.functions.api.ApiFixture.assertError;
import static io.fleetwire.functions.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagesRouteTest {
  private static final String PATH = "/api/devices/" + IMEI + "/messages";
  private final ApiFixture fixture = new ApiFixture();

  private void knownDevice() {
    fixture.store(new SyntheticTrack(IMEI, NOW.minusSeconds(600)).position(45.0, 10.0).at(0).records());
  }

  @Test
  void listsTextAndBinaryMessagesOldestFirstWithEveryField() {
    knownDevice();
    DeviceMessage text = DeviceMessage.of(IMEI, NOW.minusSeconds(300), NOW.minusSeconds(299), 13, 6,
        "#GET DATAORDER\r\n", null);
    DeviceMessage binary = DeviceMessage.of(IMEI, NOW.minusSeconds(100), NOW.minusSeconds(100), 12, 6, null,
        "010300010015d5c5");
    fixture.store.storeMessages(List.of(binary, text));

    ApiResponse response = fixture.get(PATH);

    assertEquals(200, response.status(), response.bodyText());
    JsonNode page = json(response);
    assertEquals(IMEI, page.get("imei").asText());
    assertTrue(page.get("next").isNull());
    JsonNode first = page.get("items").get(0);
    assertEquals(text.id(), first.get("id").asText());
    assertEquals(NOW.minusSeconds(300).toString(), first.get("ts").asText());
    assertEquals(NOW.minusSeconds(299).toString(), first.get("receivedAt").asText());
    assertEquals(13, first.get("codec").asInt());
    assertEquals(6, first.get("type").asInt());
    assertEquals("#GET DATAORDER\r\n", first.get("text").asText());
    assertFalse(first.has("hex"));
    JsonNode second = page.get("items").get(1);
    assertEquals("010300010015d5c5", second.get("hex").asText());
    assertFalse(second.has("text"));
  }

  @Test
  void pagesWithNextUntilNullAndKeepsToTheRange() {
    knownDevice();
    List<DeviceMessage> stored = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      stored.add(DeviceMessage.of(IMEI, NOW.minusSeconds(3_000 - i * 60L), NOW, 15, 11, "line " + i, null));
    }
    fixture.store.storeMessages(stored);
    List<String> seen = new ArrayList<>();
    String next = null;
    do {
      ApiResponse response = next == null ? fixture.get(PATH, "limit", "10")
          : fixture.get(PATH, "limit", "10", "next", next);
      assertEquals(200, response.status(), response.bodyText());
      JsonNode page = json(response);
      page.get("items").forEach(item -> seen.add(item.get("text").asText()));
      next = page.get("next").isNull() ? null : page.get("next").asText();
    } while (next != null && seen.size() < 100);
    assertEquals(stored.stream().map(DeviceMessage::text).toList(), seen);

    Instant from = NOW.minusSeconds(3_000 - 20 * 60L);
    JsonNode tail = json(fixture.get(PATH, "from", from.toString()));
    assertEquals(5, tail.get("items").size());
  }

  @Test
  void answers404ForAnUnknownDeviceAnd400ForABadRangeOrToken() {
    assertError(fixture.get(PATH), 404, "unknown_device");
    knownDevice();
    assertError(fixture.get(PATH, "from", "noon"), 400, "bad_time");
    assertError(fixture.get(PATH, "next", "not-a-token"), 400, "bad_next");
  }
}
