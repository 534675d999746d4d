package io.fleetwire.front.session;

import io.fleetwire.front.teltonika.DeviceResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;

/**
 * Receives the Codec 12/14 answers of logged-in devices to the commands sent to them. These frames
 * are never acked with a record count; whoever sent the command correlates the answer.
 */
@FunctionalInterface
public interface DeviceResponseListener {

  /** Called on the connection's event loop: return quickly. */
  void onResponse(String imei, SocketAddress remote, DeviceResponse response);

  /**
   * True while a command sent to {@code imei} awaits its answer: the next Codec 12/14 frame is that
   * answer. Otherwise such a frame is a message the device sent on its own. Called on event loops.
   */
  default boolean awaitsAnswer(String imei) {
    return false;
  }

  /**
   * The default: log the answer at DEBUG, cut short. The session already logs each answer at INFO,
   * cut short and rate-limited per connection.
   */
  static DeviceResponseListener logging() {
    Logger log = LoggerFactory.getLogger(DeviceResponseListener.class);
    return (imei, remote, response) -> log.debug("imei={} remote={} device response codec={} type={} payload='{}'",
        imei, remote, response.codec(), response.type(), DeviceText.forLog(response.payload()));
  }
}
