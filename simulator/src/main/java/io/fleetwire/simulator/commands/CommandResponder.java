package io.fleetwire.simulator.commands;

import io.fleetwire.simulator.teltonika.CommandFrames;
import io.fleetwire.simulator.teltonika.CommandFrames.ServerCommand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * What a simulated FMB tracker answers to server commands, in the wording of Teltonika's
 * documentation: {@code getinfo}, {@code getver}, {@code getio}, {@code setdigout}. A Codec 14
 * command for another IMEI gets type 11 (IMEI mismatch). A command the device does not know gets
 * no answer, as on a real device, so the server's timeout shows. Outputs keep their state.
 */
public final class CommandResponder {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy/M/d H:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int OUTPUTS = 2;

  private final String imei;
  private final Clock clock;
  private final Instant started;
  private final boolean[] outputs = new boolean[OUTPUTS];

  public CommandResponder(String imei, Clock clock) {
    this.imei = imei;
    this.clock = clock;
    this.started = clock.instant();
  }

  /** The answer frame to {@code command}, or empty when the device stays silent. */
  public synchronized Optional<byte[]> answer(ServerCommand command) {
    if (command.codec() == CommandFrames.CODEC_14 && !imei.equals(command.imei())) {
      return Optional.of(CommandFrames.codec14Answer(CommandFrames.TYPE_IMEI_MISMATCH, imei, ""));
    }
    return text(command.text().strip()).map(text -> command.codec() == CommandFrames.CODEC_14
        ? CommandFrames.codec14Answer(CommandFrames.TYPE_RESPONSE, imei, text)
        : CommandFrames.codec12Answer(text));
  }

  private Optional<String> text(String command) {
    String[] words = command.split("\\s+");
    Instant now = clock.instant();
    return switch (words[0].toLowerCase(Locale.ROOT)) {
      case "getinfo" -> Optional.of("INI:" + STAMP.format(started) + " RTC:" + STAMP.format(now)
          + " RST:0 ERR:0 SR:0 BR:0 CF:0 FG:0 FL:0 TU:0/0 UT:" + Duration.between(started, now).toSeconds()
          + " SMS:0 NOGPS:0:0 GPS:3 SAT:11 RS:3 RF:65 SF:1 MD:0");
      case "getver" -> Optional.of("Ver:03.28.07_00 GPS:AXN_5.10_3333 Hw:FMB120 Mod:15 IMEI:" + imei
          + " Init:" + STAMP.format(started) + " Uptime:" + Duration.between(started, now).toSeconds()
          + " MAC:0019BB5BF2AD SPC:1(0) AXL:1 OBD:0 BL:1.7 BT:4");
      case "getio" -> Optional.of("DI1:1 DI2:0 DI3:0 AIN1:0 AIN2:12850 DO1:" + (outputs[0] ? 1 : 0)
          + " DO2:" + (outputs[1] ? 1 : 0));
      case "setdigout" -> Optional.of(setDigitalOutputs(words.length > 1 ? words[1] : ""));
      default -> Optional.empty();
    };
  }

  /** {@code setdigout 10}: one character per output, 1 on, 0 off, ? unchanged. */
  private String setDigitalOutputs(String states) {
    if (states.isEmpty() || states.length() > OUTPUTS || !states.matches("[01?]+")) {
      return "Param ID:setdigout Invalid arguments";
    }
    StringBuilder answer = new StringBuilder();
    for (int i = 0; i < OUTPUTS; i++) {
      char wanted = i < states.length() ? states.charAt(i) : '?';
      if (wanted != '?') {
        outputs[i] = wanted == '1';
      }
      if (answer.length() > 0) {
        answer.append(' ');
      }
      answer.append("DOUT").append(i + 1).append(':').append(outputs[i] ? 1 : 0).append(" Timeout:INFINITY");
    }
    return answer.toString();
  }
}
