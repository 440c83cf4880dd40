package org.jiesu.governance;

import java.time.Instant;

/**
 * One request as hot-issue clustering sees it.
 *
 * @param id the request's id or the file's 留言编号
 * @param title a short title; may be empty where a request has none
 * @param text the request's text
 * @param at when it was received
 * @param area the county or district it concerns, where known; two requests in different areas never join
 * @param latitude where it is, or {@code null}; two requests with points join only when near each other
 * @param requester who asked, as an opaque key used only to count distinct requesters; {@code null} when unknown
 * @param supports how many people said they have the same problem (点赞数)
 * @param urgent whether it was taken as urgent
 */
public record HotMessage(
        String id,
        String title,
        String text,
        Instant at,
        String area,
        Double latitude,
        Double longitude,
        String requester,
        int supports,
        boolean urgent) {

    public HotMessage {
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }

    boolean hasPoint() {
        return latitude != null && longitude != null;
    }
}
