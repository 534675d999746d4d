package io.fleetwire.functions.fleet;

import io.fleetwire.contract.fleet.GeoBox;
import io.fleetwire.contract.fleet.Quadkey;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetMapTest {

  @Test
  void cellsAreOneLevelFinerThanTheZoomWhileTheBoxNeedsFewEnough() {
    GeoBox vilnius = new GeoBox(25.20, 54.65, 25.35, 54.72);
    assertEquals(1, FleetMap.cellLevel(GeoBox.world(), 0));
    assertEquals(13, FleetMap.cellLevel(vilnius, 12));
    assertEquals(Quadkey.DEVICE_LEVEL, FleetMap.cellLevel(new GeoBox(25.2797, 54.6872, 25.2800, 54.6874), 20));
  }

  @Test
  void aLargeBoxIsCountedInCoarserCellsNeverMoreThanTheMaximum() {
    assertEquals(3, FleetMap.cellLevel(GeoBox.world(), 5));
    GeoBox europe = new GeoBox(-10, 35, 30, 60);
    for (int zoom = 0; zoom <= FleetMap.MAX_ZOOM; zoom++) {
      int level = FleetMap.cellLevel(europe, zoom);
      assertTrue(level <= zoom + 1, "zoom " + zoom);
      assertTrue(Quadkey.count(europe, level) <= FleetMap.MAX_CELLS, "zoom " + zoom);
      assertTrue(level == zoom + 1 || Quadkey.count(europe, level + 1) > FleetMap.MAX_CELLS,
          "zoom " + zoom + ": level " + level + " is coarser than it needs to be");
    }
  }

  @Test
  void aZoomOutsideTheMapIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> FleetMap.cellLevel(GeoBox.world(), -1));
    assertThrows(IllegalArgumentException.class, () -> FleetMap.cellLevel(GeoBox.world(), 21));
  }
}
