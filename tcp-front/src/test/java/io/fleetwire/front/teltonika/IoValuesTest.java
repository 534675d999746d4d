package io.fleetwire.front.teltonika;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IoValuesTest {

  private static IoValues of(int... idValuePairs) {
    IoValues.Builder builder = new IoValues.Builder(1);
    for (int i = 0; i < idValuePairs.length; i += 2) {
      builder.put(idValuePairs[i], idValuePairs[i + 1]);
    }
    return builder.build();
  }

  @Test
  void iteratesInIdOrderWhateverTheWireOrder() {
    IoValues values = of(240, 1, 21, 4, 66, 12_850, 1, 0);

    assertEquals(List.of(1, 21, 66, 240), List.copyOf(values.keySet()));
    assertEquals(new TreeMap<>(Map.of(1, 0L, 21, 4L, 66, 12_850L, 240, 1L)), values);
  }

  @Test
  void keepsTheLastValueOfARepeatedId() {
    IoValues values = of(5, 1, 3, 7, 5, 2);

    assertEquals(Map.of(3, 7L, 5, 2L), values);
  }

  @Test
  void looksUpByIdAndAnswersNullForMissingOrForeignKeys() {
    IoValues values = of(10, 100, 20, 200);

    assertEquals(200L, values.get(20));
    assertNull(values.get(15));
    assertNull(values.get("20"));
  }

  @Test
  void offersSortedViews() {
    SortedMap<Integer, Long> values = of(1, 1, 5, 5, 9, 9, 12, 12);

    assertEquals(Map.of(5, 5L, 9, 9L), values.subMap(2, 12));
    assertEquals(Map.of(1, 1L), values.headMap(5));
    assertEquals(Map.of(9, 9L, 12, 12L), values.tailMap(6));
    assertEquals(1, values.firstKey());
    assertEquals(12, values.lastKey());
  }

  @Test
  void refusesChanges() {
    SortedMap<Integer, Long> values = of(1, 1);

    assertThrows(UnsupportedOperationException.class, () -> values.put(2, 2L));
    assertThrows(UnsupportedOperationException.class, () -> values.remove(1));
  }

  @Test
  void emptyValuesHaveNoFirstKey() {
    assertThrows(NoSuchElementException.class, () -> of().firstKey());
  }

  @Test
  void copyOfKeepsAnIoValuesAndCopiesAnyOtherMap() {
    IoValues values = of(1, 1);

    assertSame(values, IoValues.copyOf(values));
    assertEquals(Map.of(2, 20L, 3, 30L), IoValues.copyOf(Map.of(3, 30L, 2, 20L)));
  }
}
