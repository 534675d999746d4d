package io.fleetwire.front.teltonika;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

/**
 * Immutable IO values by id, sorted by id, held in two primitive arrays: an AVL record's IO map
 * without a tree node and two boxes per element, which is what keeps decoding at millions of
 * records per second. Reads like any {@link SortedMap}; every mutator throws.
 */
final class IoValues extends AbstractMap<Integer, Long> implements SortedMap<Integer, Long> {
  private static final IoValues EMPTY = new IoValues(new int[0], new long[0], 0, 0);

  private final int[] ids;
  private final long[] values;
  private final int from;
  private final int to;

  private IoValues(int[] ids, long[] values, int from, int to) {
    this.ids = ids;
    this.values = values;
    this.from = from;
    this.to = to;
  }

  /** The same instance if already an {@code IoValues}, else a sorted immutable copy. */
  static IoValues copyOf(Map<Integer, Long> map) {
    if (map instanceof IoValues values) {
      return values;
    }
    Builder builder = new Builder(map.size());
    map.forEach((id, value) -> builder.put(Objects.requireNonNull(id, "IO id"),
        Objects.requireNonNull(value, "IO value")));
    return builder.build();
  }

  /** Collects values in wire order; a repeated id keeps its last value, as a map put would. */
  static final class Builder {
    private int[] ids;
    private long[] values;
    private int size;
    private boolean sorted = true;

    Builder(int expected) {
      ids = new int[Math.max(expected, 4)];
      values = new long[ids.length];
    }

    void put(int id, long value) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      if (size > 0 && ids[size - 1] >= id) {
        sorted = false;
      }
      ids[size] = id;
      values[size] = value;
      size++;
    }

    IoValues build() {
      if (size == 0) {
        return EMPTY;
      }
      if (!sorted) {
        sortKeepingLast();
      }
      return new IoValues(ids, values, 0, size);
    }

    /** Insertion sort (records carry a few dozen IOs at most), then drop earlier duplicates. */
    private void sortKeepingLast() {
      boolean duplicates = false;
      for (int i = 1; i < size; i++) {
        int id = ids[i];
        long value = values[i];
        int j = i - 1;
        while (j >= 0 && ids[j] > id) {
          ids[j + 1] = ids[j];
          values[j + 1] = values[j];
          j--;
        }
        ids[j + 1] = id;
        values[j + 1] = value;
        duplicates |= j >= 0 && ids[j] == id;
      }
      if (duplicates) {
        dropEarlierDuplicates();
      }
    }

    private void dropEarlierDuplicates() {
      int kept = 0;
      for (int i = 0; i < size; i++) {
        if (i + 1 < size && ids[i + 1] == ids[i]) {
          continue;
        }
        ids[kept] = ids[i];
        values[kept] = values[i];
        kept++;
      }
      size = kept;
    }
  }

  @Override
  public int size() {
    return to - from;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Long get(Object key) {
    int index = indexOf(key);
    return index >= 0 ? values[index] : null;
  }

  private int indexOf(Object key) {
    if (!(key instanceof Integer id)) {
      return -1;
    }
    int index = Arrays.binarySearch(ids, from, to, id);
    return index >= 0 ? index : -1;
  }

  @Override
  public Comparator<? super Integer> comparator() {
    return null;
  }

  @Override
  public SortedMap<Integer, Long> subMap(Integer fromKey, Integer toKey) {
    if (fromKey > toKey) {
      throw new IllegalArgumentException("fromKey " + fromKey + " > toKey " + toKey);
    }
    return new IoValues(ids, values, lowerBound(fromKey), lowerBound(toKey));
  }

  @Override
  public SortedMap<Integer, Long> headMap(Integer toKey) {
    return new IoValues(ids, values, from, lowerBound(toKey));
  }

  @Override
  public SortedMap<Integer, Long> tailMap(Integer fromKey) {
    return new IoValues(ids, values, lowerBound(fromKey), to);
  }

  /** First index in range whose id is at least {@code key}. */
  private int lowerBound(int key) {
    int index = Arrays.binarySearch(ids, from, to, key);
    return index >= 0 ? index : -index - 1;
  }

  @Override
  public Integer firstKey() {
    if (from == to) {
      throw new NoSuchElementException("no IO values");
    }
    return ids[from];
  }

  @Override
  public Integer lastKey() {
    if (from == to) {
      throw new NoSuchElementException("no IO values");
    }
    return ids[to - 1];
  }

  @Override
  public Set<Map.Entry<Integer, Long>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<Integer, Long>> iterator() {
        return new Iterator<>() {
          private int next = from;

          @Override
          public boolean hasNext() {
            return next < to;
          }

          @Override
          public Map.Entry<Integer, Long> next() {
            if (next >= to) {
              throw new NoSuchElementException();
            }
            Map.Entry<Integer, Long> entry = new SimpleImmutableEntry<>(ids[next], values[next]);
            next++;
            return entry;
          }
        };
      }

      @Override
      public int size() {
        return to - from;
      }
    };
  }
}
