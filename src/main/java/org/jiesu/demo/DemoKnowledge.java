package org.jiesu.demo;

import org.jiesu.knowledge.Knowledge;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers to questions the demo prefecture's hotline hears every week, so residents see some before they file. */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(40)
class DemoKnowledge implements ApplicationRunner {

    private static final String[][] ANSWERS = {
        {
            "UTILITY_HEATING",
            "暖气不热怎么办？供暖期是什么时候？",
            "昌吉州城区供暖期一般为每年10月15日至次年4月15日。室温低于18℃时，请先排气、检查阀门是否全开；仍不热的，可拨打供热公司24小时热线报修，也可以在这里反映，由供热单位上门检测。"
        },
        {
            "UTILITY_WATER",
            "家里突然停水了，是计划停水吗？",
            "计划停水会提前24小时在小区公告栏和水务集团公众号公布。未接到通知的突发停水，多为管网抢修，一般4小时内恢复；超过时间仍未来水的，请反映具体小区和楼栋。"
        },
        {"UTILITY_POWER", "家里停电了找谁？", "先看看是否只有自己家停电：如果是，多为家中空气开关跳闸；整栋楼或整个小区停电，请拨打95598供电服务热线，或在这里反映，写明小区和楼栋。"},
        {"ENV_WASTE", "小区垃圾多久清运一次？垃圾满了没人收怎么办？", "城区生活垃圾每天至少清运一次，由环卫部门和物业共同负责。垃圾桶满溢超过一天无人清运的，请反映具体位置，最好附上照片，社区会督促清运。"},
        {"ENV_NOISE", "晚上施工噪音太大，可以投诉吗？", "可以。夜间22时至次日6时，除抢修、抢险等作业外，禁止在居民区附近进行产生噪声的施工。请写明施工地点和时间段，生态环境部门会核查处理。"},
        {"ENV_NOISE", "广场舞音响声音太大怎么办？", "社区会与活动组织者沟通，引导控制音量、调整时间和场地。请写明地点和时间段，社区网格员会到现场协调。"},
        {"URBAN_FACILITY", "小区路灯坏了由谁来修？", "小区内的路灯一般由物业维修；小区外道路上的路灯由城市管理部门维护。请写明路灯的位置（如几号楼前），附上照片更好，社区会转给负责的单位。"},
        {"URBAN_FACILITY", "井盖丢了或者破损怎么办？", "井盖缺失有安全隐患，请尽量在周围做好提醒，并立即反映位置。这类问题按紧急事项处理，相关单位会尽快设置围挡并补装。"},
        {"URBAN_PROPERTY", "物业服务不到位可以找谁？", "可以先向物业服务中心提出，也可以向社区居委会反映。社区会同物业共同处理（社区物业联建），对长期不履行合同的，住建部门会依法督促。"},
        {"LABOUR_INSURANCE", "医保怎么异地备案报销？", "参保人员可以通过国家医保服务平台APP或当地医保经办窗口办理异地就医备案，备案后在异地定点医院可直接结算。具体政策请咨询当地医保中心。"},
        {"LABOUR_INSURANCE", "灵活就业人员怎么交社保？", "灵活就业人员可以持身份证到户籍所在地或居住地的社保经办机构办理参保登记，也可在新疆人社APP上办理，按月或按年缴费。"},
        {"LABOUR_WAGES", "被拖欠工资怎么办？", "请保留劳动合同、考勤记录、工资条等证据，向用人单位所在地的人力资源和社会保障部门劳动保障监察机构反映，也可以在这里反映，写明单位名称和拖欠时间。"},
        {
            "EDU_ENROLMENT",
            "孩子上小学怎么报名？需要什么材料？",
            "小学新生报名一般在每年6月至7月，按户籍和实际居住地划片入学。通常需要户口簿、房产证明或居住证明、儿童预防接种证。具体时间以教育局当年公告为准。"
        },
        {"TRANSPORT_BUS", "公交车班次太少，能不能加车？", "交通运输部门会根据客流调整班次和线路。请写明线路号、站点和时段，这些意见会作为线路调整的依据。"},
        {"TRANSPORT_ROAD", "路面有大坑，很危险，谁来修？", "城市道路由住建或城市管理部门养护，乡村道路由交通运输部门和乡镇负责。请写明具体路段和位置，最好附上照片，养护单位会安排修补。"},
        {"HEALTH_FOOD", "买到过期食品怎么办？", "请保留好商品和购物小票，可以向市场监督管理部门投诉举报，也可以拨打12315。经营者销售过期食品的，消费者可以依法要求赔偿。"},
        {"TRADE_CONSUMER", "网购商品不能退货怎么办？", "网购商品一般享有七日无理由退货（定制、鲜活等商品除外）。请先与商家协商并保留聊天记录；协商不成，可以向12315平台投诉。"},
        {"URBAN_HOUSING", "新房墙体裂缝、漏水，开发商不管怎么办？", "房屋在保修期内的质量问题由开发商负责维修。请保留购房合同和报修记录，向住房和城乡建设部门反映，写明楼盘名称和房号。"},
    };

    private final Knowledge knowledge;

    DemoKnowledge(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (knowledge.count() > 0) {
            return;
        }
        for (String[] a : ANSWERS) {
            knowledge.add(a[0], a[1], a[2]);
        }
    }
}
