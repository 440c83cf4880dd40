/**
 * Open311 GeoReport v2 over intake and dispatch: discovery, services and their definitions, filing, tokens, and the
 * public list of requests, in XML and JSON. Requests filed here travel like those of every other channel; what the
 * public sees never includes contact details, and of a confidential request only its status. Owns the API clients
 * and their keys.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Open311")
package org.jiesu.open311;
