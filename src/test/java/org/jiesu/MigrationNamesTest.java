package org.jiesu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the SQL migrations' text for the tables and columns they create, so a name that says the platform profiles
 * people fails the build before any database is started. {@link SchemaNamesTest} checks the migrated database, which
 * covers Java migrations too.
 */
class MigrationNamesTest {

    @Test
    void noMigrationNamesATableOrColumnForEthnicityReligionPoliticsOrListsOfPeople() throws IOException {
        List<String> created = new ArrayList<>();
        List<String> offences = new ArrayList<>();
        for (Resource migration :
                new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql")) {
            String sql = migration.getContentAsString(StandardCharsets.UTF_8);
            for (ProfilingNames.Created c : ProfilingNames.createdIn(sql)) {
                created.add(c.toString());
                List<String> terms = ProfilingNames.termsIn(c.name());
                if (!terms.isEmpty()) {
                    offences.add(migration.getFilename() + ": " + c + " says " + terms);
                }
            }
        }
        // The reader must see what the migrations create, or an empty list of offences proves nothing.
        assertThat(created)
                .contains(
                        "table work_order",
                        "column work_order.state_before_return",
                        "column request.contact_phone",
                        "column work_order.warned_at",
                        "column catalogue_entry.support_functions")
                .doesNotContain("column unit.primary", "column catalogue_entry.unique", "column time_rule.constraint");
        assertThat(offences).isEmpty();
    }

    @Test
    void namesThatSayThePlatformProfilesPeopleAreCaught() {
        for (String name : List.of(
                "ethnicity",
                "requester_ethnic_group",
                "minzu",
                "Race",
                "religion",
                "religiousAffiliation",
                "zong_jiao",
                "faith",
                "political_status",
                "zhengzhi_mianmao",
                "is_party_member",
                "partyMember",
                "blacklist",
                "black_list",
                "watch_list_entries",
                "resident_watchlists",
                "suspects",
                "key_person_id",
                "zhongdian_renyuan",
                "zhongdianrenyuan",
                "zdry_flag",
                "heimingdan",
                "persons_list",
                "民族",
                "重点人员名单")) {
            assertThat(ProfilingNames.termsIn(name)).as(name).isNotEmpty();
        }
    }

    @Test
    void ordinaryNamesThatMerelyResembleAForbiddenWordPass() {
        for (String name : List.of(
                "trace_id",
                "grace_period",
                "embrace",
                "third_party",
                "party_id",
                "national_holiday",
                "faithful_copy",
                "suspected_cause",
                "key_id",
                "person_in_charge",
                "contact_name",
                "mingcheng",
                "minzheng_ju")) {
            assertThat(ProfilingNames.termsIn(name)).as(name).isEmpty();
        }
    }

    @Test
    void aMigrationThatAddsSuchATableOrColumnIsCaught() {
        String migration = """
                -- keeps track of residents who call often
                create table if not exists public.watch_list (
                    id          bigint generated always as identity primary key,
                    person_name text not null,
                    unique (person_name)
                );
                alter table request add column requester_ethnicity text check (requester_ethnicity <> '');
                alter table app_user add column if not exists "partyMember" boolean, add column note text;
                alter table request rename column address to zongjiao;
                alter table unit rename to zhongdian_renyuan;
                create view suspects as select * from request;
                create table "重点人员" (id bigint);
                """;
        List<String> caught = ProfilingNames.createdIn(migration).stream()
                .filter(c -> !ProfilingNames.termsIn(c.name()).isEmpty())
                .map(ProfilingNames.Created::toString)
                .toList();
        assertThat(caught)
                .containsExactlyInAnyOrder(
                        "table watch_list",
                        "column request.requester_ethnicity",
                        "column app_user.partyMember",
                        "column request.zongjiao",
                        "table zhongdian_renyuan",
                        "view suspects",
                        "table 重点人员");
    }
}
