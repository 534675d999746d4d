package io.fleetwire.front.session;

import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.front.teltonika.CameraFrame;
import io.fleetwire.front.teltonika.DeviceResponse;

import java.time.Instant;

/**
 * A message frame a device sent on its own → the {@link TelemetryBatch} carrying it as a
 * {@link DeviceMessage}. Its time is the device's where the codec carries one, else the time the
 * front received it.
 */
final class DeviceMessageMapping {

  private DeviceMessageMapping() {
  }

  static TelemetryBatch toBatch(String imei, DeviceResponse response, Instant receivedAt, String frontId) {
    Instant ts = response.timestamp() == null ? receivedAt : response.timestamp();
    return TelemetryBatch.ofMessage(DeviceMessage.of(imei, ts, receivedAt, response.codec(), response.type(),
        response.text(), response.hex()), frontId);
  }

  static TelemetryBatch toBatch(String imei, CameraFrame frame, Instant receivedAt, String frontId) {
    return TelemetryBatch.ofMessage(DeviceMessage.of(imei, receivedAt, receivedAt, DeviceResponse.CODEC_12,
        CameraFrame.TYPE_CAMERA, null, frame.hex()), frontId);
  }
}
