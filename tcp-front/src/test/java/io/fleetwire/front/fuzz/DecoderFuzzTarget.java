package io.fleetwire.front.fuzz;

import io.fleetwire.front.teltonika.AvlPacket;
import io.fleetwire.front.teltonika.DeviceMessage;
import io.fleetwire.front.teltonika.MalformedFrameException;
import io.fleetwire.front.teltonika.TeltonikaDecoder;

/**
 * Jazzer target for the pure decoder: any byte array, decoded as a whole frame and as the data
 * part alone, yields a {@link DeviceMessage} or a {@link MalformedFrameException}. Anything else
 * thrown (index errors, arithmetic, out of memory) is a finding. {@code scripts/fuzz.sh} runs it
 * under Jazzer; {@link FuzzCorpusTest} replays the committed corpus in every build.
 */
public final class DecoderFuzzTarget {
  /** A packet can declare at most 255 records (one count byte). */
  private static final int MAX_RECORDS = 255;

  private DecoderFuzzTarget() {
  }

  public static void fuzzerTestOneInput(byte[] data) {
    check(() -> TeltonikaDecoder.decode(data));
    check(() -> TeltonikaDecoder.decodeData(data, 0, data.length));
  }

  private static void check(java.util.function.Supplier<DeviceMessage> decoding) {
    DeviceMessage message;
    try {
      message = decoding.get();
    } catch (MalformedFrameException expected) {
      return;
    }
    if (message == null) {
      throw new FuzzFinding("decoder returned null instead of a message or an exception");
    }
    if (message instanceof AvlPacket packet
        && (packet.records().isEmpty() || packet.records().size() > MAX_RECORDS)) {
      throw new FuzzFinding("AVL packet with " + packet.records().size() + " records");
    }
  }
}
