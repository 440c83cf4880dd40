package org.jiesu.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.Browser;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/**
 * The admin pages through a browser-like client: every form's bad input comes back with a message next to the field
 * and the typed values, and saves nothing; people who are not administrators are refused.
 */
class AdminPagesTest extends JourneySupport {

    private static final List<String> PAGES = List.of(
            "/admin",
            "/admin/units",
            "/admin/areas",
            "/admin/categories",
            "/admin/catalogue",
            "/admin/time-rules",
            "/admin/calendar",
            "/admin/users",
            "/admin/api-keys");

    @Test
    void theIndexLinksToEveryAdminPageWithCounts() throws Exception {
        HttpResponse<String> page = admin().get("/admin");
        assertThat(page.statusCode()).isEqualTo(200);
        for (String path : PAGES.subList(1, PAGES.size())) {
            assertThat(page.body()).contains("href=\"" + path + "\"");
        }
        assertThat(page.body()).contains("系统管理", "card-count", String.valueOf(count("unit")));
    }

    @Test
    void everyAdminPageAnswersQuickly() throws Exception {
        Browser admin = admin();
        for (String path : PAGES) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> page = admin.get(path);
                best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
                assertThat(page.statusCode()).as(path).isEqualTo(200);
                assertThat(page.body()).as(path).doesNotContain("??admin.");
            }
            System.out.println("admin page " + path + ": " + best + " ms");
            // Measured from the client on a shared, busy machine: the bound only catches a page that does work per row
            // in the database; bench/PageTimings measures the 200 ms budget on a quiet one.
            assertThat(best).as(path + " in ms").isLessThan(3000);
        }
    }

    @Test
    void peopleWhoAreNotAdministratorsAreRefused() throws Exception {
        for (String user : List.of("supervisor", "operator", "street")) {
            Browser b = new Browser(port);
            b.signIn(user);
            for (String path : PAGES) {
                assertThat(b.get(path).statusCode()).as(user + " " + path).isEqualTo(403);
            }
            String csrf = Browser.csrf(b.get("/staff").body());
            long users = count("app_user");
            HttpResponse<String> post = b.post(
                    "/admin/users",
                    Map.of(
                            "_csrf", csrf,
                            "username", "sneaky",
                            "displayName", "x",
                            "role", "ADMIN",
                            "unitId", "1",
                            "password", "abcdefgh12345"));
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(count("app_user")).isEqualTo(users);
        }
    }

    @Test
    void aBadUnitComesBackWithMessagesAndSavesNothing() throws Exception {
        Browser admin = admin();
        long before = count("unit");
        HttpResponse<String> page = post(
                admin, "/admin/units", Map.of("parentId", "", "kind", "GRID", "code", "bad code!", "name", "新网格甲"));
        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body())
                .contains("id=\"unit-parent-error\"", "id=\"unit-code-error\"", "aria-invalid=\"true\"")
                .contains("value=\"新网格甲\"", "value=\"bad code!\"");
        assertThat(count("unit")).isEqualTo(before);

        // A grid straight under a county skips two levels.
        HttpResponse<String> skip = post(
                admin,
                "/admin/units",
                Map.of("parentId", String.valueOf(unitId("652301")), "kind", "GRID", "code", "X-1", "name", "跳级网格"));
        assertThat(skip.statusCode()).isEqualTo(422);
        assertThat(skip.body()).contains("id=\"unit-kind-error\"");
        assertThat(count("unit")).isEqualTo(before);
    }

    @Test
    void anAdministratorAddsRenamesAndRemovesAUnitButNotOneWithOrders() throws Exception {
        Browser admin = admin();
        long parent = unitId("652301001001");
        HttpResponse<String> added = post(
                admin,
                "/admin/units",
                Map.of(
                        "parentId",
                        String.valueOf(parent),
                        "kind",
                        "PROPERTY",
                        "code",
                        "TEST-PROP-1",
                        "name",
                        "测试物业",
                        "function",
                        ""));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("测试物业");
        long id = unitId("TEST-PROP-1");

        HttpResponse<String> empty = post(admin, "/admin/units/" + id + "/rename", Map.of("name", "  "));
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("id=\"rename-name-error\"");
        assertThat(units.unit(id).name()).isEqualTo("测试物业");

        post(admin, "/admin/units/" + id + "/rename", Map.of("name", "测试物业二"));
        assertThat(units.unit(id).name()).isEqualTo("测试物业二");

        dispatchedAt("652301001001-01", "ENV_WASTE", "楼下垃圾三天没人清运了，请尽快处理。");
        long grid = unitId("652301001001-01");
        long before = count("unit");
        HttpResponse<String> refused = post(admin, "/admin/units/" + grid + "/remove", Map.of());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"remove-unit-error\"");
        assertThat(count("unit")).isEqualTo(before);

        post(admin, "/admin/units/" + id + "/remove", Map.of());
        assertThat(count("unit")).isEqualTo(before - 1);
        assertThat(jdbc.sql("select count(*) from audit_entry where subject = ?")
                        .param("unit:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aBadCategoryComesBackWithMessagesAndSavesNothing() throws Exception {
        Browser admin = admin();
        long before = count("category");
        HttpResponse<String> page = post(
                admin,
                "/admin/categories",
                Map.of("code", "lower", "name", "", "parentCode", "NOPE", "limitClass", "SOON"));
        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body())
                .contains("id=\"category-code-error\"", "id=\"category-name-error\"")
                .contains("id=\"category-parent-error\"", "id=\"category-limit-error\"", "value=\"lower\"");
        assertThat(count("category")).isEqualTo(before);

        post(
                admin,
                "/admin/categories",
                Map.of("code", "ENV_DUST", "name", "扬尘", "parentCode", "ENV", "limitClass", "ORDINARY"));
        assertThat(count("category")).isEqualTo(before + 1);
        assertThat(units.category("ENV_DUST").parentCode()).isEqualTo("ENV");
    }

    @Test
    void aBadCatalogueLineComesBackWithMessagesAndSavesNothing() throws Exception {
        Browser admin = admin();
        long before = count("catalogue_entry");
        Map<String, String> form = new HashMap<>(Map.of(
                "categoryCode", "OTHER",
                "scopeUnitId", "",
                "handlerKind", "DEPARTMENT",
                "handlerFunction", "astrology",
                "supportFunctions", "market, weather"));
        HttpResponse<String> page = post(admin, "/admin/catalogue", form);
        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body())
                .contains("id=\"entry-function-error\"", "id=\"entry-supports-error\"", "value=\"astrology\"");
        assertThat(count("catalogue_entry")).isEqualTo(before);

        // The catalogue has a line for URBAN everywhere already.
        form.putAll(Map.of("categoryCode", "URBAN", "handlerFunction", "housing", "supportFunctions", ""));
        HttpResponse<String> duplicate = post(admin, "/admin/catalogue", form);
        assertThat(duplicate.statusCode()).isEqualTo(422);
        assertThat(duplicate.body()).contains("id=\"entry-category-error\"");
        assertThat(count("catalogue_entry")).isEqualTo(before);
    }

    @Test
    void aBadUserComesBackWithMessagesAndSavesNothing() throws Exception {
        Browser admin = admin();
        long before = count("app_user");
        HttpResponse<String> page = post(
                admin,
                "/admin/users",
                Map.of(
                        "username", "Bad Name",
                        "displayName", "王五",
                        "role", "KING",
                        "unitId", "999999",
                        "password", "short1"));
        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body())
                .contains("id=\"user-username-error\"", "id=\"user-role-error\"", "id=\"user-unit-error\"")
                .contains("id=\"user-password-error\"", "value=\"Bad Name\"", "value=\"王五\"")
                .doesNotContain("short1");
        assertThat(count("app_user")).isEqualTo(before);

        HttpResponse<String> weak = post(
                admin,
                "/admin/users",
                Map.of(
                        "username", "wangwu",
                        "displayName", "王五",
                        "role", "HANDLER",
                        "unitId", String.valueOf(unitId("652301001001")),
                        "password", "onlyletterslong"));
        assertThat(weak.body()).contains("id=\"user-password-error\"");
        assertThat(count("app_user")).isEqualTo(before);
    }

    @Test
    void anAdministratorManagesAUserAndEveryStepIsAudited() throws Exception {
        Browser admin = admin();
        long community = unitId("652301001001");
        HttpResponse<String> created = post(
                admin,
                "/admin/users",
                Map.of(
                        "username", "zhaoliu",
                        "displayName", "赵六",
                        "role", "HANDLER",
                        "unitId", String.valueOf(community),
                        "password", "zhao-2026-secret"));
        assertThat(created.body()).contains("已新增用户 zhaoliu");
        assertThat(count("app_user where username = 'zhaoliu'")).isOne();
        Browser zhao = new Browser(port);
        assertThat(zhao.signIn("zhaoliu", "zhao-2026-secret").uri().getPath()).isEqualTo("/staff");

        post(admin, "/admin/users/zhaoliu/change", Map.of("role", "UNIT_HEAD", "unitId", String.valueOf(community)));
        assertThat(column("select role from app_user where username = 'zhaoliu'"))
                .isEqualTo("UNIT_HEAD");
        HttpResponse<String> weak = post(admin, "/admin/users/zhaoliu/password", Map.of("password", "123"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("id=\"edit-password-error\"");
        post(admin, "/admin/users/zhaoliu/password", Map.of("password", "new-pass-2027"));
        post(admin, "/admin/users/zhaoliu/enabled", Map.of("enabled", "false"));
        assertThat(column("select enabled::text from app_user where username = 'zhaoliu'"))
                .isEqualTo("false");
        assertThat(new Browser(port).signIn("zhaoliu", "new-pass-2027").uri().getPath())
                .isEqualTo("/login");
        assertThat(jdbc.sql("select action from audit_entry where subject = 'user:zhaoliu' order by id")
                        .query(String.class)
                        .list())
                .containsExactly("USER_CREATED", "USER_CHANGED", "USER_PASSWORD_RESET", "USER_DISABLED");
    }

    @Test
    void anAdministratorCannotDisableOrDemoteThemselves() throws Exception {
        Browser admin = admin();
        HttpResponse<String> disable = post(admin, "/admin/users/admin/enabled", Map.of("enabled", "false"));
        assertThat(disable.statusCode()).isEqualTo(422);
        assertThat(disable.body()).contains("id=\"toggle-enabled-error\"");
        HttpResponse<String> demote = post(
                admin,
                "/admin/users/admin/change",
                Map.of("role", "HANDLER", "unitId", String.valueOf(unitId("652301001001"))));
        assertThat(demote.statusCode()).isEqualTo(422);
        assertThat(demote.body()).contains("id=\"edit-role-error\"");
        assertThat(column("select role || ' ' || enabled from app_user where username = 'admin'"))
                .isEqualTo("ADMIN true");
    }

    @Test
    void aNewApiKeyIsShownOnceAndOnlyItsHashIsKept() throws Exception {
        Browser admin = admin();
        long before = count("open311_client");
        HttpResponse<String> empty = post(admin, "/admin/api-keys", Map.of("name", "   "));
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("id=\"client-name-error\"");
        assertThat(count("open311_client")).isEqualTo(before);

        HttpResponse<String> issued = post(admin, "/admin/api-keys", Map.of("name", "测试客户端"));
        assertThat(issued.statusCode()).isEqualTo(200);
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("id=\"issued-key\"[^>]*value=\"([a-z2-9]{32})\"")
                .matcher(issued.body());
        assertThat(key.find()).isTrue();
        assertThat(count("open311_client")).isEqualTo(before + 1);
        assertThat(column("select string_agg(key_hash, ' ') from open311_client"))
                .doesNotContain(key.group(1));
        assertThat(admin.get("/admin/api-keys").body()).contains("测试客户端").doesNotContain(key.group(1));

        long id = Long.parseLong(column("select id::text from open311_client where name = '测试客户端'"));
        post(admin, "/admin/api-keys/" + id + "/revoke", Map.of());
        assertThat(column("select (revoked_at is not null)::text from open311_client where id = " + id))
                .isEqualTo("true");
    }

    private Browser admin() throws Exception {
        Browser admin = new Browser(port);
        admin.signIn("admin");
        return admin;
    }

    private HttpResponse<String> post(Browser browser, String path, Map<String, String> fields) throws Exception {
        String csrf = Browser.csrf(browser.get("/admin").body());
        Map<String, String> form = new HashMap<>(fields);
        form.put("_csrf", csrf);
        return browser.post(path, form);
    }

    private String column(String sql) {
        return jdbc.sql(sql).query(String.class).single();
    }
}
