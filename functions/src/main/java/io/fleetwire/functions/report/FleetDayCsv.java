package io.fleetwire.functions.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.fleetwire.contract.report.DeviceReport;
import io.fleetwire.contract.report.FleetDayRow;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily fleet report as CSV for spreadsheets: a header line, one line per device, CRLF line
 * ends and RFC 4180 quoting. Empty cells where there was no temperature reading.
 */
public final class FleetDayCsv {
  private static final CsvMapper CSV = new CsvMapper();
  private static final List<String> COLUMNS = columns();
  private static final CsvSchema SCHEMA = schema();
  private static final CsvSchema ROWS_ONLY = SCHEMA.withoutHeader();

  private FleetDayCsv() {
  }

  /** @param header false for a page that continues an earlier one, so the pages concatenate into one file */
  public static String write(FleetDayReport day, boolean header) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (FleetDayRow row : day.items()) {
      rows.add(cells(day, row));
    }
    try {
      return CSV.writer(header ? SCHEMA : ROWS_ONLY).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("daily report is not writable as CSV", e);
    }
  }

  private static Map<String, Object> cells(FleetDayReport day, FleetDayRow row) {
    DeviceReport report = row.report();
    Map<String, Object> cells = new LinkedHashMap<>();
    cells.put("date", day.date().toString());
    cells.put("imei", report.imei());
    cells.put("name", row.name());
    cells.put("records", report.records());
    cells.put("distanceKm", report.distanceKm());
    cells.put("drivingSeconds", report.drivingSeconds());
    cells.put("idleSeconds", report.idleSeconds());
    cells.put("stops", report.stops());
    cells.put("maxSpeedKmh", report.maxSpeedKmh());
    cells.put("temperatureMinC", report.temperature().min());
    cells.put("temperatureMaxC", report.temperature().max());
    cells.put("temperatureAvgC", report.temperature().avg());
    for (String alarm : DeviceReport.STANDARD_ALARMS) {
      cells.put(alarm + "Events", report.events().getOrDefault(alarm, 0L));
    }
    return cells;
  }

  private static List<String> columns() {
    List<String> columns = new ArrayList<>(List.of("date", "imei", "name", "records", "distanceKm",
        "drivingSeconds", "idleSeconds", "stops", "maxSpeedKmh", "temperatureMinC", "temperatureMaxC",
        "temperatureAvgC"));
    DeviceReport.STANDARD_ALARMS.forEach(alarm -> columns.add(alarm + "Events"));
    return List.copyOf(columns);
  }

  private static CsvSchema schema() {
    CsvSchema.Builder builder = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
    COLUMNS.forEach(builder::addColumn);
    return builder.build();
  }
}
