package io.fleetwire.front.teltonika;

/**
 * A well-framed AVL packet whose content is wrong (CRC mismatch, record counts differ, records
 * overrun the declared length, unknown codec). The session answers ack 0 so the device resends
 * (DESIGN rule 5). {@code reason} is a metric tag; {@code detail} says what was wrong.
 */
public record CorruptPacket(String reason, String detail) implements DeviceMessage {
}
