package org.jiesu.platform;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;

/** Reading the CSV files people bring (hotline exports, labelled texts): RFC 4180, UTF-8, a header row. */
public final class CsvFiles {

    /** RFC 4180 with a header row that names the columns; fields keep their spaces. */
    public static final CSVFormat WITH_HEADER = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(false)
            .get();

    /** What to make of an open file; {@code name} names it in messages. */
    @FunctionalInterface
    public interface Body<T> {
        T read(Reader reader, String name) throws IOException;
    }

    private CsvFiles() {}

    /**
     * Opens {@code file} as UTF-8 and hands it to {@code body}; a missing file, a file that is not UTF-8 or one that
     * cannot be read becomes {@code invalid}'s exception with a message that names the file.
     */
    public static <T> T read(Path file, Body<T> body, Function<String, ? extends RuntimeException> invalid) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return body.read(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw invalid.apply(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw invalid.apply(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw invalid.apply(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
