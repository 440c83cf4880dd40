package org.jiesu.dispatch;

import java.util.List;

/**
 * The files a request came with, as the order page lists them. Intake keeps the files; the implementation that reads
 * them is wired where intake's attachments exist. Without one the order page says there are none.
 */
public interface RequestAttachments {

    /** One file: its name, where staff open it, its size and type. */
    record Attachment(String name, String href, long bytes, String contentType) {}

    List<Attachment> of(long requestId);
}
