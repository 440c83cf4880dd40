package org.jiesu.demo;

import org.jiesu.security.Role;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.UnitDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo accounts, one per role, created on an empty database when the demo profile is active. Every one has the
 * password {@value #PASSWORD}: they exist to be tried, never in production.
 */
@Component
@Profile("demo")
@Order(20)
class DemoAccounts implements ApplicationRunner {

    static final String PASSWORD = "jiesu-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final UserAccounts accounts;
    private final UnitDirectory units;

    DemoAccounts(UserAccounts accounts, UnitDirectory units) {
        this.accounts = accounts;
        this.units = units;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.count() > 0) {
            return;
        }
        create("admin", "系统管理员", Role.ADMIN, "652300");
        create("operator", "热线话务员 李娜", Role.OPERATOR, "652300-12345");
        create("supervisor", "督办员 王强", Role.SUPERVISOR, "652300-DB");
        create("county", "昌吉市督办 赵敏", Role.SUPERVISOR, "652301");
        create("street", "建国路街道 马军", Role.HANDLER, "652301001");
        create("community", "嘉顺社区 阿依古丽", Role.HANDLER, "652301001001");
        create("head", "嘉顺社区书记 古丽娜", Role.UNIT_HEAD, "652301001001");
        create("grid", "嘉顺社区第一网格 张伟", Role.GRID_WORKER, "652301001001-01");
        create("housing", "昌吉市住建局 刘洋", Role.HANDLER, "652301-housing");
        create("water", "昌吉州水务集团 陈静", Role.HANDLER, "652300-water");
        create("property", "嘉顺物业 周涛", Role.HANDLER, "652301001001-P");
        create("village", "包家店村 艾力", Role.HANDLER, "652324001001");
        log.info("Demo accounts created; each has the password '{}'", PASSWORD);
    }

    private void create(String username, String name, Role role, String unitCode) {
        units.findByCode(unitCode).ifPresent(unit -> accounts.create(username, name, PASSWORD, role, unit.id()));
    }
}
