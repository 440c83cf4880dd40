package org.jiesu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main pages of each role, by the demo account that opens them ("" for residents, who sign in nowhere): the pages
 * the accessibility journey checks and the page timings measure.
 */
public final class MainPages {

    public static final Map<String, List<String>> BY_ROLE = byRole();

    private MainPages() {}

    private static Map<String, List<String>> byRole() {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("", List.of("/", "/submit", "/track", "/login"));
        pages.put("operator", List.of("/staff", "/operator/new", "/operator/queue", "/callbacks", "/notifications"));
        pages.put("community", List.of("/staff", "/inbox"));
        pages.put("supervisor", List.of("/dashboard", "/supervisor"));
        pages.put(
                "admin",
                List.of(
                        "/admin",
                        "/admin/units",
                        "/admin/areas",
                        "/admin/categories",
                        "/admin/catalogue",
                        "/admin/time-rules",
                        "/admin/calendar",
                        "/admin/users",
                        "/admin/api-keys",
                        "/admin/audit"));
        return Collections.unmodifiableMap(pages);
    }
}
