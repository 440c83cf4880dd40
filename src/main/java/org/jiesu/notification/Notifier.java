package org.jiesu.notification;

/**
 * Sends notices. A deployment with an SMS gateway or a call centre replaces the recording implementation with its
 * own bean; everything else stays as it is.
 */
public interface Notifier {

    void send(Notice notice);

    /**
     * Sends a short text message to a phone number that no request holds, such as a one-time verification code. The
     * number is only passed through: a gateway sends to it, the record keeps it masked.
     */
    void sendText(String phone, String text);
}
