package org.jiesu.demo;

import java.util.List;
import org.jiesu.callback.CallbackForm;
import org.jiesu.callback.Callbacks;
import org.jiesu.callback.Outcome;
import org.jiesu.callback.Satisfaction;
import org.jiesu.dispatch.DispatchCommand;
import org.jiesu.dispatch.Order;
import org.jiesu.dispatch.Orders;
import org.jiesu.intake.Channel;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.intake.RequestType;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.intake.Urgency;
import org.jiesu.security.Actor;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.UnitDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A handful of requests in every stage, so that each demo account finds something to do: waiting for dispatch,
 * dispatched, signed and urged, replied and waiting for the callback, returned and waiting for a ruling, closed,
 * answered at once. They go through the same APIs as real work, so their histories are real.
 */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(30)
class DemoRequests implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRequests.class);

    private final Intake intake;
    private final Orders orders;
    private final Callbacks callbacks;
    private final UnitDirectory units;
    private final UserAccounts accounts;

    DemoRequests(Intake intake, Orders orders, Callbacks callbacks, UnitDirectory units, UserAccounts accounts) {
        this.intake = intake;
        this.orders = orders;
        this.callbacks = callbacks;
        this.units = units;
        this.accounts = accounts;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!intake.recent(1).isEmpty() || units.findByCode("652301001001-01").isEmpty()) {
            return;
        }
        Actor operator = account("operator");
        Actor county = account("county");

        order(at("652301001001-02", Channel.WEB, "ENV_WASTE", "小区东门的垃圾桶已经满了三天，没人清运，气味很大。"), operator);

        Order lift =
                order(at("652301001002-01", Channel.HOTLINE, "URBAN_FACILITY", "3号楼电梯这个月停了四次，老人上下楼很困难。"), operator);
        orders.sign(lift.id(), account("street"));
        orders.urge(lift.id(), "居民多次来电，请尽快安排维保单位检修。", county);

        Order property =
                order(at("652301001001-03", Channel.WEB, "URBAN_PROPERTY", "楼道里堆满杂物，物业一直不清理，存在消防隐患。"), operator);
        orders.sign(property.id(), account("property"));
        orders.reply(property.id(), "已清理楼道堆放物，并张贴通知，每周巡查一次。", account("property"));

        Order noise = order(at("652324001001-02", Channel.GRID_VISIT, "ENV_NOISE", "村东头的加工厂夜里机器声很大，影响休息。"), operator);
        orders.sign(noise.id(), account("village"));

        Order water = order(at("652301001001-01", Channel.HOTLINE, "UTILITY_WATER", "嘉顺小区从昨天早上开始停水，没有任何通知。"), operator);
        orders.sign(water.id(), account("water"));
        orders.reply(water.id(), "因主管道爆裂抢修停水，已于当日18时恢复供水，今后将提前公告。", account("water"));
        callbacks.record(
                water.id(), new CallbackForm(null, Outcome.RESOLVED, Satisfaction.SATISFIED, "已恢复供水"), operator);

        Order housing = order(at("652301001001-04", Channel.WEB, "URBAN_HOUSING", "新买的房子墙体开裂，开发商一直推脱。"), operator);
        orders.requestReturn(housing.id(), "属于购房合同纠纷，应由开发商和市场监管部门处理。", account("housing"));

        ResidentRequest question = intake.receive(
                request(Channel.HOTLINE, RequestType.CONSULTATION, null, "居住证在哪里办理，需要带什么材料？", null, null), operator);
        intake.answerDirectly(question.id(), "请携带身份证和租房合同到所在社区服务中心办理，当场受理。", operator);

        intake.receive(at("652301001002-02", Channel.WEB, "URBAN_FACILITY", "小区门口的路灯坏了一个多月，晚上很黑。"), Actor.RESIDENT);
        intake.receive(at("652327001001-01", Channel.HOTLINE, "OTHER", "希望村里能开通到县城的早班车。"), operator);
        log.info("Demo requests created");
    }

    private Order order(NewRequest request, Actor operator) {
        ResidentRequest r = intake.receive(request, operator);
        return orders.dispatch(r.id(), new DispatchCommand(null, null, null, null), operator);
    }

    private NewRequest at(String unitCode, Channel channel, String category, String text) {
        double[] p = units.centre(units.findByCode(unitCode).orElseThrow().id()).orElseThrow();
        return request(channel, RequestType.HELP, category, text, p[0], p[1]);
    }

    private static NewRequest request(
            Channel channel, RequestType type, String category, String text, Double lat, Double lon) {
        return new NewRequest(channel, type, text, category, Urgency.NORMAL, lat, lon, null, null, null, null, false);
    }

    private Actor account(String username) {
        List<Actor> all = accounts.all();
        return all.stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow();
    }
}
