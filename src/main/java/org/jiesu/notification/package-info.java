/**
 * Notifications to units and residents (SMS or a phone call) behind the {@link org.jiesu.notification.Notifier}
 * interface. The default notifier needs no network: it records each notice in a table that staff read in the UI. A
 * notice to a resident names the request, never a phone number: the number stays masked in intake.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.jiesu.notification;
