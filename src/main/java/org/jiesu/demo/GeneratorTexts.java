package org.jiesu.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jiesu.platform.CsvFiles;
import org.jspecify.annotations.Nullable;

/**
 * The texts the generator draws requests and replies from: the labelled messages file (留言主题, 留言详情, 一级标签),
 * and beside it, when present, the hot-issue export (its messages join the pool, unlabelled) and the replies file
 * (its 答复意见 become the units' replies). Read once, kept in memory: a few megabytes whatever the number of orders.
 */
record GeneratorTexts(List<Source> messages, List<String> replies) {

    /** One message: its title (for hot-issue clusters), its full text (title and detail), its label if any. */
    record Source(String title, String text, @Nullable String label) {}

    /** A file that cannot be used, with a message that names it. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    static final int TEXT_MAX = 2000;

    static GeneratorTexts read(Path messagesFile) {
        List<Source> messages = new ArrayList<>(CsvFiles.read(messagesFile, GeneratorTexts::messages, Invalid::new));
        if (messages.isEmpty()) {
            throw new Invalid(messagesFile + ": no message with a 留言主题 or 留言详情");
        }
        Path folder = messagesFile.toAbsolutePath().getParent();
        Path hot = folder.resolve("hot-issues.csv");
        if (!hot.equals(messagesFile.toAbsolutePath()) && Files.isReadable(hot)) {
            messages.addAll(CsvFiles.read(hot, GeneratorTexts::messages, Invalid::new));
        }
        Path repliesFile = folder.resolve("replies.csv");
        List<String> replies = new ArrayList<>();
        if (Files.isReadable(repliesFile)) {
            if (!repliesFile.equals(messagesFile.toAbsolutePath())) {
                messages.addAll(CsvFiles.read(repliesFile, GeneratorTexts::messages, Invalid::new));
            }
            replies.addAll(CsvFiles.read(repliesFile, GeneratorTexts::replies, Invalid::new));
        }
        if (replies.isEmpty()) {
            replies.add("已到现场核实并处理，已向诉求人说明情况。");
        }
        return new GeneratorTexts(List.copyOf(messages), List.copyOf(replies));
    }

    private static List<Source> messages(Reader reader, String name) throws IOException {
        List<Source> out = new ArrayList<>();
        for (CSVRecord r : records(reader, name, "留言主题")) {
            String title = field(r, "留言主题");
            String detail = field(r, "留言详情");
            String text = title.isEmpty() ? detail : detail.isEmpty() ? title : title + "\n" + detail;
            if (text.isEmpty()) {
                continue;
            }
            String label = field(r, "一级标签");
            out.add(new Source(
                    title.isEmpty() ? clip(detail, 30) : title, clip(text, TEXT_MAX), label.isEmpty() ? null : label));
        }
        return out;
    }

    private static List<String> replies(Reader reader, String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (CSVRecord r : records(reader, name, "答复意见")) {
            String reply = field(r, "答复意见");
            if (!reply.isEmpty()) {
                out.add(clip(reply, TEXT_MAX));
            }
        }
        return out;
    }

    private static List<CSVRecord> records(Reader reader, String name, String required) throws IOException {
        try (CSVParser parser = CsvFiles.WITH_HEADER.parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || !header.containsKey(required)) {
                throw new Invalid(name + ": line 1: no column " + required);
            }
            return parser.getRecords();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new Invalid(name + ": cannot be read as CSV (" + e.getMessage() + ")");
        }
    }

    private static String field(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column).strip() : "";
    }

    private static String clip(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }
}
