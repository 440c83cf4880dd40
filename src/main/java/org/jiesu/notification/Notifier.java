package org.jiesu.notification;

/**
 * Sends notices. A deployment with an SMS gateway or a call centre replaces the recording implementation with its
 * own bean; everything else stays as it is.
 */
public interface Notifier {

    void send(Notice notice);
}
