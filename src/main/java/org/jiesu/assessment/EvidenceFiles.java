package org.jiesu.assessment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a file of evidence is, told by its first bytes and, for office documents whose container says too little,
 * by its name's ending: PDF, JPEG, PNG, WebP, Word, Excel and PowerPoint. Anything else is refused.
 */
final class EvidenceFiles {

    /** The largest file kept: 5 MB. */
    static final int MAX_BYTES = 5 * 1024 * 1024;

    /** The most files one save may carry. */
    static final int MAX_FILES = 5;

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };
    private static final byte[] PNG = {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private EvidenceFiles() {}

    static Optional<String> contentType(String fileName, byte[] content) {
        String ext = extension(fileName);
        if (starts(content, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("application/pdf");
        }
        if (starts(content, PNG)) {
            return Optional.of("image/png");
        }
        if (starts(content, JPEG)) {
            return Optional.of("image/jpeg");
        }
        if (content.length >= 12
                && starts(content, "RIFF".getBytes(StandardCharsets.US_ASCII))
                && "WEBP".equals(new String(content, 8, 4, StandardCharsets.US_ASCII))) {
            return Optional.of("image/webp");
        }
        if (starts(content, ZIP)) {
            return switch (ext) {
                case "docx" -> Optional.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
                case "xlsx" -> Optional.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                case "pptx" -> Optional.of("application/vnd.openxmlformats-officedocument.presentationml.presentation");
                default -> Optional.empty();
            };
        }
        if (starts(content, OLE)) {
            return switch (ext) {
                case "doc" -> Optional.of("application/msword");
                case "xls" -> Optional.of("application/vnd.ms-excel");
                case "ppt" -> Optional.of("application/vnd.ms-powerpoint");
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** A file name safe to store and to send back: the last path segment, without control characters. */
    static String cleanName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (n.isEmpty()) {
            n = "evidence";
        }
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    private static String extension(String fileName) {
        String n = fileName == null ? "" : fileName;
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean starts(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}
