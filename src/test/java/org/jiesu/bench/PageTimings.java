package org.jiesu.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiesu.Browser;
import org.jiesu.MainPages;

/**
 * How long each main page takes to answer on the demo data, as each role sees it: signs in as the demo accounts of a
 * running application on loopback and fetches every page many times in a row, one at a time, after a warm-up, then
 * prints p50, p95 and the slowest answer per page. Run by hand (docs/benchmarks.md):
 *
 * <pre>
 * ./mvnw -q spring-boot:run   # in another terminal: the demo on port 8080
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.jiesu.bench.PageTimings 8080 50
 * </pre>
 *
 * The time is the client's on loopback, so it includes the few tenths of a millisecond that loopback HTTP adds.
 */
public final class PageTimings {

    private static final Pattern ORDER_LINK = Pattern.compile("href=\"/orders/(\\d+)\"");

    private PageTimings() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;

        // The main pages of every role, the resident's also in Uyghur, and the first order of the unit's inbox.
        Map<String, List<String>> pagesByRole = new LinkedHashMap<>();
        MainPages.BY_ROLE.forEach((role, pages) -> {
            List<String> timed = new ArrayList<>(pages);
            if (role.isEmpty()) {
                timed.addAll(List.of("/?lang=ug", "/submit?lang=ug"));
            }
            if (role.equals("community")) {
                timed.add("/orders/{first}");
            }
            pagesByRole.put(role.isEmpty() ? "-" : role, timed);
        });

        System.out.printf(
                Locale.ROOT, "%-12s %-26s %6s %8s %8s %8s%n", "role", "page", "status", "p50 ms", "p95 ms", "max ms");
        for (Map.Entry<String, List<String>> role : pagesByRole.entrySet()) {
            Browser browser = new Browser(port);
            if (!role.getKey().equals("-")) {
                browser.signIn(role.getKey());
            }
            for (String page : role.getValue()) {
                String path = page;
                if (path.contains("{first}")) {
                    Matcher link = ORDER_LINK.matcher(browser.get("/inbox").body());
                    if (!link.find()) {
                        System.out.printf("%-12s %-26s no order in the inbox%n", role.getKey(), page);
                        continue;
                    }
                    path = path.replace("{first}", link.group(1));
                }
                int status = 0;
                for (int i = 0; i < 10; i++) {
                    status = browser.get(path).statusCode();
                }
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> answer = browser.get(path);
                    millis.add((System.nanoTime() - start) / 1e6);
                    status = answer.statusCode();
                }
                millis.sort(Double::compare);
                System.out.printf(
                        Locale.ROOT,
                        "%-12s %-26s %6d %8.1f %8.1f %8.1f%n",
                        role.getKey(),
                        path,
                        status,
                        millis.get(millis.size() / 2),
                        millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                        millis.get(millis.size() - 1));
            }
        }
    }
}
