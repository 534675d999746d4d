package io.fleetwire.front.teltonika;

/** Login frame: 2-byte length, then the IMEI as ASCII digits. The session decides acceptance. */
public record ImeiLogin(String imei) implements DeviceMessage {
}
