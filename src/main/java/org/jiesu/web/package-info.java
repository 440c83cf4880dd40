/**
 * The web shell: layout, home page, staff start page, error pages. Pages of a module's own live in that module;
 * this one only frames them. It publishes no events and listens to none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package org.jiesu.web;
