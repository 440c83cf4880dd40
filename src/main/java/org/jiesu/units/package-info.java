/**
 * The unit tree (prefecture, county, street or township, community or village, grid, and beside it departments,
 * utilities and property companies), the areas territorial units own, the request categories and the dispatch
 * catalogue. {@link org.jiesu.units.UnitDirectory} answers where a place lies (a spatial index over the areas) and
 * who is responsible for a matter there; areas come in and go out as GeoJSON, checked to tile their parents, through
 * the API and the administrator's area screen, each change written to the audit log. It publishes no events and
 * listens to none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Units, areas and catalogue")
package org.jiesu.units;
