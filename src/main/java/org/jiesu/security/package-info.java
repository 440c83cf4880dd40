/**
 * Staff accounts, roles and data scopes. {@link org.jiesu.security.Actors} tells who is acting and whether they may
 * act for a unit: a user acts only for their own unit and the units below it (hotline and supervision offices for
 * the territory they serve). A production start with no account asks for the first administrator's password. It
 * also keeps the door: security headers on every response, and sign-in throttling per user name and address.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package org.jiesu.security;
