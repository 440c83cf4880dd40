package org.jiesu.intake;

import java.util.Optional;

/** A photo sent with a request, its type judged by its first bytes, never by its name or the browser's word. */
public record Photo(String contentType, byte[] content) {

    public static final int MAX_PHOTOS = 3;
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    /** JPEG, PNG or WebP by the file's signature; empty for anything else. */
    public static Optional<String> typeOf(byte[] content) {
        if (starts(content, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (starts(content, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (starts(content, 0, 'R', 'I', 'F', 'F') && starts(content, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] content, int offset, int... signature) {
        if (content.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((content[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
