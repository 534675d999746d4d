package io.fleetwire.front.teltonika;

/**
 * What the message decoder emits for one complete device frame. Immutable, no Netty types:
 * raw buffers never leave this package.
 */
public sealed interface DeviceMessage
    permits ImeiLogin, AvlPacket, DeviceResponse, CameraFrame, KeepAlive, CorruptPacket {
}
