package org.jiesu.classification;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jiesu.platform.CsvFiles;

/**
 * Reads labelled texts from a CSV file (RFC 4180, UTF-8, a header row). The hotline export's columns are understood
 * ({@code 留言主题} and {@code 留言详情} for the text, {@code 一级标签} for the label), and so are plain {@code text}
 * and {@code label} columns. A row without a label is refused with its line number; a row with an empty text is
 * skipped.
 */
public final class TrainingFile {

    /** A file that cannot be used, with a message that says where and why. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    private TrainingFile() {}

    public static List<LabelledText> read(Path file, boolean onlyFullText) {
        return CsvFiles.read(file, (r, n) -> read(r, n, onlyFullText), Invalid::new);
    }

    /** Reads rows from {@code reader}; {@code name} names the source in messages. */
    public static List<LabelledText> read(Reader reader, String name, boolean onlyFullText) throws IOException {
        CSVFormat format = CsvFiles.WITH_HEADER;
        List<LabelledText> rows = new ArrayList<>();
        try (CSVParser parser = format.parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.isEmpty()) {
                throw new Invalid(name + ": empty file; expected a header row");
            }
            String label = first(header, "一级标签", "label");
            String title = first(header, "留言主题", "text");
            String detail = header.containsKey("留言详情") ? "留言详情" : null;
            String full = header.containsKey("有详情") ? "有详情" : null;
            if (label == null || title == null) {
                throw new Invalid(name + ": line 1: expected columns 留言主题, 留言详情, 一级标签 (or text, label); found "
                        + String.join(", ", header.keySet()));
            }
            for (CSVRecord record : parser) {
                long line = record.getParser().getCurrentLineNumber();
                if (!record.isConsistent()) {
                    throw new Invalid(
                            name + ": line " + line + ": " + record.size() + " fields, expected " + header.size());
                }
                if (onlyFullText && (detail == null || full != null && !"1".equals(record.get(full)))) {
                    continue;
                }
                String text = record.get(title).strip();
                if (detail != null && !record.get(detail).isBlank()) {
                    text = text + "\n" + record.get(detail).strip();
                }
                String l = record.get(label).strip();
                if (l.isEmpty()) {
                    throw new Invalid(name + ": line " + line + ": no label");
                }
                if (!text.isBlank()) {
                    rows.add(new LabelledText(text, l));
                }
            }
        } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new Invalid(name + ": not a readable CSV file (" + e.getMessage() + ")");
        }
        return rows;
    }

    private static String first(Map<String, Integer> header, String... names) {
        for (String n : names) {
            if (header.containsKey(n)) {
                return n;
            }
        }
        return null;
    }
}
