package org.jiesu.assessment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;

/**
 * A table to export, written as CSV (UTF-8 with a byte order mark, so that Excel reads Chinese right) or as XLSX
 * with numbers as numbers. A rate is a fraction: XLSX formats it as a percentage, CSV writes it in percent with one
 * decimal, as its header says.
 */
final class ExportTable {

    enum Format {
        TEXT,
        COUNT,
        DECIMAL,
        RATE
    }

    record Column(String header, Format format) {}

    private final List<Column> columns;
    private final List<List<@Nullable Object>> rows = new ArrayList<>();

    ExportTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row: text, a whole number, a decimal or a rate between 0 and 1 by the column's format; null is empty. */
    void add(List<@Nullable Object> row) {
        if (row.size() != columns.size()) {
            throw new IllegalArgumentException("A row of " + row.size() + " cells for " + columns.size() + " columns.");
        }
        rows.add(new ArrayList<>(row));
    }

    List<Column> columns() {
        return columns;
    }

    int size() {
        return rows.size();
    }

    byte[] csv() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CSVPrinter out = new CSVPrinter(
                new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get())) {
            out.printRecord(columns.stream().map(Column::header).toList());
            for (List<@Nullable Object> row : rows) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.size(); c++) {
                    cells.add(csvCell(row.get(c), columns.get(c).format()));
                }
                out.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String csvCell(@Nullable Object value, Format format) {
        if (value == null) {
            return "";
        }
        return switch (format) {
            case TEXT -> safeText(value.toString());
            case COUNT -> String.valueOf(((Number) value).longValue());
            case DECIMAL -> tenths(Math.round(((Number) value).doubleValue() * 10));
            case RATE -> tenths(Math.round(((Number) value).doubleValue() * 1000));
        };
    }

    /** A unit name that begins like a formula would run as one in a spreadsheet: it is quoted out. */
    private static String safeText(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** Rounded as {@link Rate#percent()} rounds, so that the file says what the page says. */
    private static String tenths(long tenths) {
        return java.math.BigDecimal.valueOf(tenths, 1).toPlainString();
    }

    byte[] xlsx(String sheetName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(bytes, "Jiesu", "1.0");
            Worksheet sheet = workbook.newWorksheet(sheetName);
            for (int c = 0; c < columns.size(); c++) {
                sheet.value(0, c, columns.get(c).header());
                sheet.width(c, columns.get(c).format() == Format.TEXT ? 22 : 12);
            }
            sheet.range(0, 0, 0, columns.size() - 1)
                    .style()
                    .bold()
                    .wrapText(true)
                    .set();
            sheet.freezePane(0, 1);
            for (int r = 0; r < rows.size(); r++) {
                List<@Nullable Object> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    Object value = row.get(c);
                    if (value == null) {
                        continue;
                    }
                    Format format = columns.get(c).format();
                    if (format == Format.TEXT) {
                        sheet.value(r + 1, c, value.toString());
                    } else {
                        sheet.value(r + 1, c, (Number) value);
                        String pattern = switch (format) {
                            case COUNT -> "0";
                            case DECIMAL -> "0.0";
                            default -> "0.0%";
                        };
                        sheet.style(r + 1, c).format(pattern).set();
                    }
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
