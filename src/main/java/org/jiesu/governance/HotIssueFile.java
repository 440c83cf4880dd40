package org.jiesu.governance;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jiesu.platform.CsvFiles;

/**
 * Reads messages from a hotline export (RFC 4180 CSV, UTF-8, a header row) with the columns 留言编号, 留言主题,
 * 留言时间, 留言详情, 反对数 and 点赞数; 留言用户 is read where present, only to count distinct requesters. Every problem
 * is refused with the file's name and the line it starts on.
 */
public final class HotIssueFile {

    static final List<String> REQUIRED = List.of("留言编号", "留言主题", "留言时间", "留言详情", "反对数", "点赞数");

    /** The district a message names first, such as {@code A3区} or {@code A7县}; messages in different ones never join. */
    private static final Pattern DISTRICT = Pattern.compile("[A-Z]\\d{1,2}[区县]");

    private static final List<DateTimeFormatter> TIMES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"),
            DateTimeFormatter.ofPattern("yyyy/M/d H:mm:ss"),
            DateTimeFormatter.ofPattern("yyyy/M/d H:mm"));

    /** A file that cannot be used, with a message that says where and why. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    private HotIssueFile() {}

    public static List<HotMessage> read(Path file, ZoneId zone) {
        return CsvFiles.read(file, (r, n) -> read(r, n, zone), Invalid::new);
    }

    /** Reads messages from {@code reader}; {@code name} names the source in messages. */
    public static List<HotMessage> read(Reader reader, String name, ZoneId zone) throws IOException {
        CSVFormat format = CsvFiles.WITH_HEADER;
        List<HotMessage> out = new ArrayList<>();
        CSVParser parser;
        try {
            parser = format.parse(reader);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new Invalid(name + ": line 1: the header row cannot be read (" + e.getMessage() + ")");
        }
        try (parser) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.isEmpty()) {
                throw new Invalid(name + ": empty file; expected a header row with " + String.join(", ", REQUIRED));
            }
            List<String> missing =
                    REQUIRED.stream().filter(c -> !header.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new Invalid(name + ": line 1: missing column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + "; the header has " + String.join(", ", header.keySet()));
            }
            boolean hasUser = header.containsKey("留言用户");
            Iterator<CSVRecord> rows = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord r;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    r = rows.next();
                } catch (java.io.UncheckedIOException | IllegalStateException e) {
                    throw new Invalid(name + ": line " + line + ": not valid CSV (" + e.getMessage() + ")");
                }
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue;
                }
                if (!r.isConsistent()) {
                    throw new Invalid(name + ": line " + line + ": " + r.size() + " fields where the header has "
                            + header.size());
                }
                String id = r.get("留言编号").strip();
                String title = r.get("留言主题").strip();
                String text = r.get("留言详情").strip();
                if (id.isEmpty()) {
                    throw new Invalid(name + ": line " + line + ": 留言编号 is empty");
                }
                Instant at = time(r.get("留言时间"), zone, name, line);
                count(r.get("反对数"), "反对数", name, line); // checked, though heat does not use it
                int supports = count(r.get("点赞数"), "点赞数", name, line);
                String user = hasUser ? r.get("留言用户").strip() : null;
                out.add(new HotMessage(id, title, text, at, district(title, text), null, null, user, supports, false));
            }
        } catch (java.io.UncheckedIOException e) {
            throw new Invalid(name + ": not valid CSV (" + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            throw new Invalid(name + ": no messages after the header row");
        }
        return out;
    }

    static String district(String title, String text) {
        Matcher m = DISTRICT.matcher(title);
        if (m.find()) {
            return m.group();
        }
        m = DISTRICT.matcher(text);
        return m.find() ? m.group() : null;
    }

    private static Instant time(String value, ZoneId zone, String name, long line) {
        String v = value.strip();
        for (DateTimeFormatter f : TIMES) {
            try {
                return LocalDateTime.parse(v, f).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        try {
            return LocalDate.parse(v).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid(name + ": line " + line + ": 留言时间 \"" + v
                    + "\" is not a time; expected yyyy-MM-dd HH:mm:ss, such as 2019-04-25 09:32:09");
        }
    }

    private static int count(String value, String column, String name, long line) {
        String v = value.strip();
        if (v.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Invalid(name + ": line " + line + ": " + column + " \"" + v + "\" is not a count (0 or more)");
    }
}
