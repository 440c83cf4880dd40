package org.jiesu.platform;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads an uploaded file as UTF-8 text, judging it by its content: a PNG called {@code areas.geojson} is still a
 * PNG. Known binary formats are named so that the person sees what they picked by mistake; anything else with NUL
 * or other control bytes, or bytes that are not UTF-8, is refused as well, before a parser or the database sees it.
 */
public final class UploadedText {

    private record Magic(String name, byte[] bytes) {
        boolean starts(byte[] content) {
            if (content.length < bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if (content[i] != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Magic> BINARY = List.of(
            magic("a PNG image", 0x89, 'P', 'N', 'G'),
            magic("a JPEG image", 0xFF, 0xD8, 0xFF),
            magic("a GIF image", 'G', 'I', 'F', '8'),
            magic("a PDF document", '%', 'P', 'D', 'F'),
            // Excel and Word files are ZIP archives (xlsx, docx) or OLE2 containers (xls, doc).
            magic("a ZIP archive (or an Excel or Word file)", 'P', 'K', 0x03, 0x04),
            magic("a ZIP archive (or an Excel or Word file)", 'P', 'K', 0x05, 0x06),
            magic("an Excel or Word file of the old format", 0xD0, 0xCF, 0x11, 0xE0),
            magic("a GZIP archive", 0x1F, 0x8B),
            magic("a 7-Zip archive", '7', 'z', 0xBC, 0xAF),
            magic("a RAR archive", 'R', 'a', 'r', '!'),
            magic("a program (ELF)", 0x7F, 'E', 'L', 'F'));

    private UploadedText() {}

    /**
     * The file's text without a leading byte-order mark. {@code what} names the expected file for the message, as
     * "a GeoJSON file" or "a calendar CSV file"; an empty or missing file is returned as an empty string for the
     * caller to refuse in its own words.
     */
    public static String decode(byte @Nullable [] content, String what) {
        if (content == null || content.length == 0) {
            return "";
        }
        for (Magic magic : BINARY) {
            if (magic.starts(content)) {
                throw JiesuException.invalid("The file is " + magic.name() + ", not " + what
                        + ": whatever its name says, only the text file itself can be imported.");
            }
        }
        if (content.length >= 2
                && ((content[0] == (byte) 0xFF && content[1] == (byte) 0xFE)
                        || (content[0] == (byte) 0xFE && content[1] == (byte) 0xFF))) {
            throw JiesuException.invalid(
                    "The file is UTF-16 text; save it as UTF-8 (in Excel: \"CSV UTF-8\") and upload it again.");
        }
        for (byte b : content) {
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                throw JiesuException.invalid("The file holds binary data (control bytes such as NUL), not " + what
                        + ": upload the text file itself.");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            // Chinese Windows saves "ANSI" text as GBK, the usual way a calendar exported from Excel goes wrong.
            throw JiesuException.invalid("The file is not UTF-8 text (perhaps GBK or another encoding, or not text"
                    + " at all): save it as UTF-8 (in Excel: \"CSV UTF-8\") and upload it again.");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Magic magic(String name, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new Magic(name, b);
    }
}
