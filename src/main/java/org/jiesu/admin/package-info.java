/**
 * The administrator's start page and the screens for staff accounts and Open311 API keys. It calls the facades of
 * the units, security, open311 and audit modules; every change it makes is written to the audit log. It publishes no
 * events and listens to none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Administration")
package org.jiesu.admin;
