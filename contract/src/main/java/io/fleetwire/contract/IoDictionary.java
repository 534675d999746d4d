package io.fleetwire.contract;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * AVL IO id → name, unit, scale, signedness, as data (JSON). The default is the FMB table
 * ({@code io-dictionary-fmb.json}); a device model can override or add entries with
 * {@link #overriddenBy(Collection)}.
 */
public final class IoDictionary {
  private static final String DEFAULT_RESOURCE = "io-dictionary-fmb.json";
  private static final IoDictionary FMB = load(IoDictionary.class.getResourceAsStream(DEFAULT_RESOURCE));

  private final Map<Integer, IoElement> byId;
  private final Map<String, IoElement> byName;

  private IoDictionary(Map<Integer, IoElement> byId) {
    this.byId = Map.copyOf(byId);
    this.byName = byId.values().stream().collect(Collectors.toUnmodifiableMap(IoElement::name, e -> e, (a, b) -> a));
  }

  public static IoDictionary fmb() {
    return FMB;
  }

  /** Reads a dictionary: a JSON array of {@link IoElement} objects. */
  public static IoDictionary load(InputStream json) {
    if (json == null) {
      throw new IllegalArgumentException("IO dictionary resource not found");
    }
    try (json) {
      List<IoElement> elements = Json.mapper().readValue(json, new TypeReference<List<IoElement>>() { });
      Map<Integer, IoElement> map = new HashMap<>();
      for (IoElement element : elements) {
        if (map.put(element.id(), element) != null) {
          throw new IllegalArgumentException("IO dictionary lists id " + element.id() + " twice");
        }
      }
      return new IoDictionary(map);
    } catch (IOException e) {
      throw new UncheckedIOException("IO dictionary is not readable", e);
    }
  }

  /** This dictionary with {@code overrides} replacing or adding entries by id (per device model). */
  public IoDictionary overriddenBy(Collection<IoElement> overrides) {
    Map<Integer, IoElement> map = new HashMap<>(byId);
    for (IoElement element : overrides) {
      map.put(element.id(), element);
    }
    return new IoDictionary(map);
  }

  public Optional<IoElement> element(int id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Named, typed sensor values for the ids this dictionary knows; unknown ids are left out. */
  public SortedMap<String, Object> sensors(Map<Integer, Long> io) {
    SortedMap<String, Object> named = new TreeMap<>();
    io.forEach((id, raw) -> {
      IoElement element = byId.get(id);
      if (element != null) {
        named.put(element.name(), element.toValue(raw));
      }
    });
    return named;
  }

  /**
   * Named sensors read back from a JSON store, each number in its dictionary type: JSON stores and
   * JavaScript write 12.0 as 12, so a decimal would read back as an integer. Booleans, strings and
   * names the dictionary does not know stay as read.
   */
  public SortedMap<String, Object> retyped(Map<String, ?> sensors) {
    SortedMap<String, Object> typed = new TreeMap<>(sensors);
    typed.replaceAll((name, value) -> {
      IoElement element = byName.get(name);
      if (element == null || !(value instanceof Number number)) {
        return value;
      }
      if (element.type().equals(IoElement.DECIMAL)) {
        return number.doubleValue();
      }
      if (element.type().equals(IoElement.INTEGER) && number.doubleValue() == Math.rint(number.doubleValue())) {
        return number.longValue();
      }
      return value;
    });
    return typed;
  }

  /** Every IO id that is an alarm, for queries by event id. */
  public Set<Integer> alarmIds() {
    return byId.values().stream().filter(e -> e.alarm() != null).map(IoElement::id)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The alarm name of an event IO id (crash, towing, ...), if that id is an alarm. */
  public Optional<String> alarm(int eventId) {
    IoElement element = byId.get(eventId);
    return element == null ? Optional.empty() : Optional.ofNullable(element.alarm());
  }
}
