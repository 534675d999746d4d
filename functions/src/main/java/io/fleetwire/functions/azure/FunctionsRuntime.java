package io.fleetwire.functions.azure;

import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.command.CommandStore;
import java.util.Map;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.contract.store.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * What one Functions worker shares between invocations: the {@link TelemetryStore} (built once,
 * from the app settings, on first use) and the {@link FleetApi} over it. The Functions host
 * creates adapter instances itself, so they reach this through a static accessor; tests construct
 * the adapters with their own API instead. A failed build is not kept: the next invocation tries
 * again, so a worker recovers once the settings or the service are fixed.
 */
public final class FunctionsRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionsRuntime.class);
  private static final Object LOCK = new Object();
  private static volatile FunctionsRuntime instance;

  private final TelemetryStore store;
  private final FleetApi api;

  FunctionsRuntime(Supplier<TelemetryStore> stores, Supplier<CommandStore> commands, CommandDispatcher dispatcher,
      Clock clock) {
    this.store = stores.get();
    this.api = new FleetApi(store, commands.get(), dispatcher, () -> true, clock, FleetApi.DEFAULT_ONLINE_WINDOW);
  }

  /** This worker's API, building the store from the environment on first use. */
  public static FleetApi api() {
    return get().api;
  }

  /** This worker's store, building it from the environment on first use. */
  public static TelemetryStore store() {
    return get().store;
  }

  private static FunctionsRuntime get() {
    FunctionsRuntime current = instance;
    if (current == null) {
      synchronized (LOCK) {
        current = instance;
        if (current == null) {
          Map<String, String> env = System.getenv();
          current = new FunctionsRuntime(StoreSelection.fromEnvironment(env), StoreSelection.commandsFromEnvironment(env),
              StoreSelection.dispatcherFromEnvironment(env), Clock.systemUTC());
          instance = current;
          LOG.info("Fleetwire functions runtime ready with {}", current.store.getClass().getSimpleName());
        }
      }
    }
    return current;
  }
}
