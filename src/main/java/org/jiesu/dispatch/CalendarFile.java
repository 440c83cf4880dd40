package org.jiesu.dispatch;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;

/**
 * The calendar file format: UTF-8 text, one day a line as {@code date,kind,name} after a header line
 * {@code date,kind,name}; blank lines and lines starting with {@code #} are ignored. The whole file is checked
 * before anything is written, and every problem is reported with its line number, so an administrator fixes the
 * file in one go.
 */
final class CalendarFile {

    static final String HEADER = "date,kind,name";
    static final int MAX_NAME = 100;
    private static final int MAX_IN_MESSAGE = 20;

    /** Strict: 2026-02-30 is refused, not quietly turned into 2026-02-28. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private CalendarFile() {}

    static List<CalendarDay> parse(String text) {
        List<String> problems = new ArrayList<>();
        List<CalendarDay> days = new ArrayList<>();
        Map<LocalDate, Integer> seen = new HashMap<>();
        boolean header = false;
        String[] lines = text.startsWith("\uFEFF") ? text.substring(1).split("\\R", -1) : text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                header = true;
                if (line.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    continue;
                }
                problems.add("line " + no + ": the first line must be the header '" + HEADER + "'");
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 3) {
                problems.add("line " + no + ": expected 3 fields 'date,kind,name', found " + fields.length);
                continue;
            }
            LocalDate date = null;
            try {
                date = LocalDate.parse(fields[0].strip(), DATE);
            } catch (DateTimeParseException e) {
                problems.add(
                        "line " + no + ": '" + FormValues.shown(fields[0].strip()) + "' is not a date (YYYY-MM-DD)");
            }
            CalendarDay.Kind kind = null;
            try {
                kind = CalendarDay.Kind.valueOf(fields[1].strip());
            } catch (IllegalArgumentException e) {
                problems.add("line " + no + ": '" + FormValues.shown(fields[1].strip())
                        + "' is not a kind (HOLIDAY or WORKDAY)");
            }
            String name = fields[2].strip();
            if (name.isEmpty()) {
                problems.add("line " + no + ": the name is missing");
            } else if (name.length() > MAX_NAME) {
                problems.add("line " + no + ": the name is longer than " + MAX_NAME + " characters");
            }
            if (date == null || kind == null || name.isEmpty()) {
                continue;
            }
            if (kind == CalendarDay.Kind.WORKDAY && !WorkingCalendar.weekend(date)) {
                problems.add("line " + no + ": " + date + " is a " + date.getDayOfWeek()
                        + ", a working day anyway; a WORKDAY must be a Saturday or a Sunday");
                continue;
            }
            Integer earlier = seen.putIfAbsent(date, no);
            if (earlier != null) {
                problems.add("line " + no + ": " + date + " is already given on line " + earlier);
                continue;
            }
            days.add(new CalendarDay(date, kind, name));
        }
        if (problems.isEmpty() && days.isEmpty()) {
            problems.add("the file has no days: after the header '" + HEADER + "', one line per day");
        }
        if (!problems.isEmpty()) {
            // A spreadsheet saved wrongly can fault on every line: the message names the first ones, the list all.
            String shown = String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_IN_MESSAGE)));
            String more = problems.size() > MAX_IN_MESSAGE
                    ? "; and " + (problems.size() - MAX_IN_MESSAGE) + " more problems"
                    : "";
            throw JiesuException.invalid("The calendar was not imported. " + shown + more + ".", problems);
        }
        return days;
    }

    static String format(Collection<CalendarDay> days) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        days.stream()
                .sorted(Comparator.comparing(CalendarDay::date))
                .forEach(d -> out.append(d.date())
                        .append(',')
                        .append(d.kind())
                        .append(',')
                        .append(d.name())
                        .append('\n'));
        return out.toString();
    }
}
