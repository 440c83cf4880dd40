package org.jiesu.notification;

import org.jspecify.annotations.Nullable;

/**
 * Something to tell a unit or a requester.
 *
 * @param unitId the unit to tell, or null for a requester
 * @param requestId the request whose requester is told, or the request the notice is about
 */
public record Notice(
        Channel channel,
        @Nullable Long unitId,
        @Nullable Long requestId,
        @Nullable Long orderId,
        String text) {

    public enum Channel {
        SMS,
        PHONE,
        INBOX
    }

    public static Notice toUnit(long unitId, long orderId, String text) {
        return new Notice(Channel.INBOX, unitId, null, orderId, text);
    }

    public static Notice toRequester(long requestId, @Nullable Long orderId, String text) {
        return new Notice(Channel.SMS, null, requestId, orderId, text);
    }
}
