package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Record;
import io.fleetwire.functions.report.SyntheticTrack;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.fleetwire.functions.api.ApiFixture.IMEI;
import static io.fleetwire.functions.api.ApiFixture.NOW;
import static io.fleetwire.functions.api.ApiFixture.OTHER_IMEI;
import static io.fleetwire.functions.api.ApiFixture.assertError;
import static io.fleetwire.functions.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionsRouteTest {
  private static final String PATH = "/api/devices/" + IMEI + "/positions";
  private static final Instant DAY_START = Instant.parse("2026-05-01T00:00:00Z");
  private final ApiFixture fixture = new ApiFixture();

  /** One record every 10 s from {@code DAY_START}. */
  private List<Record> storeTrack(int count) {
    SyntheticTrack track = new SyntheticTrack(IMEI, DAY_START).position(45.0, 10.0).speed(50);
    for (int i = 0; i < count; i++) {
      track.at(i * 10L);
    }
    List<Record> records = track.records();
    fixture.store(records);
    return records;
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  @Test
  void pagingWithNextUntilNullReturnsEveryRecordOnceOldestFirst() {
    List<Record> stored = storeTrack(2_345);
    List<String> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      ApiResponse response = next == null
          ? fixture.get(PATH, "from", DAY_START.toString(), "limit", "1000")
          : fixture.get(PATH, "from", DAY_START.toString(), "limit", "1000", "next", next);
      assertEquals(200, response.status(), response.bodyText());
      JsonNode page = json(response);
      assertEquals(IMEI, page.get("imei").asText());
      seen.addAll(ids(page.get("items")));
      next = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (next != null && pages < 10);

    assertEquals(3, pages);
    assertEquals(stored.stream().map(Record::id).toList(), seen);
  }

  @Test
  void lastPageHasNullNext() {
    storeTrack(3);

    JsonNode page = json(fixture.get(PATH, "from", DAY_START.toString()));

    assertEquals(3, page.get("items").size());
    assertTrue(page.has("next") && page.get("next").isNull(), page.toString());
  }

  @Test
  void defaultsToTheLast24Hours() {
    SyntheticTrack track = new SyntheticTrack(IMEI, NOW.minusSeconds(25 * 3600)).position(45.0, 10.0);
    track.at(0).at(2 * 3600).at(25 * 3600 - 1).at(25 * 3600);
    fixture.store(track.records());

    JsonNode items = json(fixture.get(PATH)).get("items");

    // 25 h ago is outside; 23 h ago and 1 s ago are inside; "now" is the exclusive end
    assertEquals(2, items.size());
    assertEquals(NOW.minusSeconds(23 * 3600).toString(), items.get(0).get("ts").asText());
  }

  @Test
  void keepsToTheRequestedRange() {
    storeTrack(100);

    JsonNode items = json(fixture.get(PATH, "from", DAY_START.plusSeconds(100).toString(),
        "to", DAY_START.plusSeconds(200).toString())).get("items");

    assertEquals(10, items.size());
    assertEquals(DAY_START.plusSeconds(100).toString(), items.get(0).get("ts").asText());
    assertEquals(DAY_START.plusSeconds(190).toString(), items.get(9).get("ts").asText());
  }

  @Test
  void acceptsTheLimitBounds() {
    storeTrack(5);

    assertEquals(1, json(fixture.get(PATH, "from", DAY_START.toString(), "limit", "1")).get("items").size());
    assertEquals(5, json(fixture.get(PATH, "from", DAY_START.toString(), "limit", "10000")).get("items").size());
  }

  @Test
  void answers400ForALimitOutOfRange() {
    storeTrack(1);

    for (String limit : List.of("0", "10001", "-5", "ten", "2147483648")) {
      String detail = assertError(fixture.get(PATH, "limit", limit), 400, "bad_limit");
      assertTrue(detail.contains("1 to 10000") && detail.contains("'" + limit + "'"), detail);
    }
  }

  @Test
  void answers400ForUnparseableTimes() {
    storeTrack(1);

    assertTrue(assertError(fixture.get(PATH, "from", "yesterday"), 400, "bad_time").contains("'from'"));
    assertTrue(assertError(fixture.get(PATH, "to", "2026-05-01"), 400, "bad_time").contains("'to'"));
  }

  @Test
  void answers400ForAReversedOrEmptyRange() {
    storeTrack(1);

    String reversed = assertError(fixture.get(PATH, "from", "2026-05-01T10:00:00Z", "to", "2026-05-01T09:00:00Z"),
        400, "bad_range");
    assertTrue(reversed.contains("must be before"), reversed);
    assertError(fixture.get(PATH, "from", "2026-05-01T10:00:00Z", "to", "2026-05-01T10:00:00Z"), 400, "bad_range");
  }

  @Test
  void answers400ForARangeLongerThan31Days() {
    storeTrack(1);

    String detail = assertError(fixture.get(PATH, "from", "2026-03-31T00:00:00Z", "to", "2026-05-01T00:00:01Z"),
        400, "range_too_long");
    assertTrue(detail.contains("31 days"), detail);
    assertEquals(200, fixture.get(PATH, "from", "2026-03-31T00:00:00Z", "to", "2026-05-01T00:00:00Z").status());
  }

  @Test
  void answers400ForANextTokenThatIsNotOneOfOurs() {
    storeTrack(20);
    String realNext = json(fixture.get(PATH, "from", DAY_START.toString(), "limit", "5")).get("next").asText();
    String garbleInside = Base64.getUrlEncoder().withoutPadding()
        .encodeToString((IMEI + ":garbage").getBytes(StandardCharsets.UTF_8));
    fixture.store(new SyntheticTrack(OTHER_IMEI, DAY_START).at(0).records());

    assertTrue(assertError(fixture.get(PATH, "next", "%%%not-base64"), 400, "bad_next").contains("'next'"));
    assertError(fixture.get(PATH, "next", garbleInside), 400, "bad_next");
    assertError(fixture.get("/api/devices/" + OTHER_IMEI + "/positions", "next", realNext), 400, "bad_next");
  }

  @Test
  void answers404ForAnUnknownDevice() {
    assertTrue(assertError(fixture.get(PATH), 404, "unknown_device").contains(IMEI));
  }

  @Test
  void answers400ForABadImei() {
    assertError(fixture.get("/api/devices/1234/positions"), 400, "bad_imei");
  }
}
