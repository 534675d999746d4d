package io.fleetwire.contract.fleet;

import io.fleetwire.contract.Record;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuadkeyTest {

  private static double midLat(GeoBox box) {
    return (box.south() + box.north()) / 2;
  }

  private static double midLon(GeoBox box) {
    return (box.west() + box.east()) / 2;
  }

  @Test
  void tileThreeFiveOfLevelThreeIsTwoOneThree() {
    // the worked example of the Bing Maps tile system: x = 011, y = 101 interleave to 213 in base 4
    GeoBox tile = Quadkey.bounds("213");

    assertEquals(-45.0, tile.west(), 1e-9);
    assertEquals(0.0, tile.east(), 1e-9);
    assertEquals(3, Quadkey.tileX(midLon(tile), 3));
    assertEquals(5, Quadkey.tileY(midLat(tile), 3));
    assertEquals("213", Quadkey.of(midLat(tile), midLon(tile), 3));
  }

  @Test
  void quartersOfTheWorldAreZeroToThreeNorthWestFirst() {
    assertEquals("0", Quadkey.of(51.5, -0.13, 1));
    assertEquals("1", Quadkey.of(54.69, 25.28, 1));
    assertEquals("2", Quadkey.of(-34.6, -58.4, 1));
    assertEquals("3", Quadkey.of(-33.87, 151.21, 1));
    assertEquals("", Quadkey.of(10, 10, 0));
    assertEquals(Quadkey.DEVICE_LEVEL, Quadkey.of(54.69, 25.28).length());
  }

  @Test
  void boundsOfAPointsTileHoldItAndTheirCentreHasTheSameKey() {
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      double lat = random.nextDouble() * 170 - 85;
      double lon = random.nextDouble() * 360 - 180;
      int level = random.nextInt(Quadkey.DEVICE_LEVEL + 1);
      String tile = Quadkey.of(lat, lon, level);
      GeoBox bounds = Quadkey.bounds(tile);
      assertTrue(bounds.contains(lat, lon), lat + "," + lon + " outside its tile " + tile + " " + bounds);
      assertEquals(tile, Quadkey.of(midLat(bounds), midLon(bounds), level));
      String key = Quadkey.of(lat, lon);
      assertTrue(key.startsWith(tile), "a device key begins with the key of each tile holding it");
      assertTrue(key.compareTo(tile) >= 0 && key.compareTo(Quadkey.rangeEnd(tile)) < 0, "key inside the tile's range");
    }
  }

  @Test
  void aKeyOutsideATileIsOutsideItsRange() {
    String vilnius = Quadkey.of(54.69, 25.28, 8);
    String beside = Quadkey.of(54.69, 27.5, Quadkey.DEVICE_LEVEL);
    String within = Quadkey.of(54.69, 25.28, Quadkey.DEVICE_LEVEL);

    assertTrue(within.compareTo(vilnius) >= 0 && within.compareTo(Quadkey.rangeEnd(vilnius)) < 0);
    assertTrue(beside.compareTo(vilnius) < 0 || beside.compareTo(Quadkey.rangeEnd(vilnius)) >= 0);
  }

  @Test
  void coveringListsAsManyTilesAsCountSaysRowByRow() {
    GeoBox world = GeoBox.world();
    assertEquals(List.of("0", "1", "2", "3"), Quadkey.covering(world, 1, 4));
    assertEquals(16, Quadkey.count(world, 2));
    assertEquals(1, Quadkey.count(new GeoBox(25.27, 54.68, 25.29, 54.69), 8));
    GeoBox europe = new GeoBox(-10, 35, 30, 60);
    for (int level = 0; level <= 7; level++) {
      List<String> tiles = Quadkey.covering(europe, level, 10_000);
      assertEquals(Quadkey.count(europe, level), tiles.size(), "level " + level);
      int digits = level;
      assertTrue(tiles.stream().allMatch(t -> t.length() == digits));
      assertEquals(tiles.size(), tiles.stream().distinct().count());
    }
    List<String> three = Quadkey.covering(europe, 3, 100);
    assertEquals(Quadkey.of(60, -10, 3), three.get(0));
    assertEquals(Quadkey.of(35, 30, 3), three.get(three.size() - 1));
  }

  @Test
  void coveringRefusesMoreTilesThanAllowed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Quadkey.covering(GeoBox.world(), 4, 96));
    assertTrue(e.getMessage().contains("256 tiles of level 4"), e.getMessage());
  }

  @Test
  void polesAndTheAntimeridianStayInTheEdgeTiles() {
    assertEquals("00", Quadkey.of(89.9, -180, 2));
    assertEquals("33", Quadkey.of(-89.9, 180, 2));
  }

  @Test
  void levelAcceptsOnlyDigitsZeroToThreeUpToTwenty() {
    assertEquals(3, Quadkey.level("213"));
    assertEquals(0, Quadkey.level(""));
    assertThrows(IllegalArgumentException.class, () -> Quadkey.level("214"));
    assertThrows(IllegalArgumentException.class, () -> Quadkey.level("0".repeat(21)));
    assertThrows(IllegalArgumentException.class, () -> Quadkey.level(null));
    assertThrows(IllegalArgumentException.class, () -> Quadkey.bounds("x"));
    assertThrows(IllegalArgumentException.class, () -> Quadkey.of(1, 1, 21));
  }

  @Test
  void aLastRecordWithoutCoordinatesOrAtZeroZeroHasNoKey() {
    Instant ts = Instant.parse("2026-05-01T00:00:00Z");
    assertNull(Quadkey.ofLast(null));
    assertNull(Quadkey.ofLast(new Record("a", "1", ts, ts, null, null, 0, 0, 0, 0, 0, 0, null, null, null, null)));
    assertNull(Quadkey.ofLast(new Record("b", "1", ts, ts, 0.0, 0.0, 0, 0, 0, 0, 0, 0, null, null, null, null)));
    assertEquals(Quadkey.of(0.0, 25.0),
        Quadkey.ofLast(new Record("c", "1", ts, ts, 0.0, 25.0, 0, 0, 0, 0, 0, 0, null, null, null, null)));
  }
}
