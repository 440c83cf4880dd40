package org.jiesu.assessment;

/** Where a request behind an order was made; it names the order, never the resident. */
public record MapPoint(long orderId, double latitude, double longitude, String state) {}
