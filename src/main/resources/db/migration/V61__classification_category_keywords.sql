-- Words residents use for each category: data a district tunes, read by the simple category suggester.
create table category_keyword (
    category_code text not null references category (code),
    keyword       text not null check (length(keyword) between 1 and 50),
    primary key (category_code, keyword)
);
insert into category_keyword (category_code, keyword) values
    ('URBAN_PROPERTY', '物业'), ('URBAN_PROPERTY', '物业费'), ('URBAN_PROPERTY', '保安'), ('URBAN_PROPERTY', '电梯'),
    ('URBAN_PROPERTY', '小区门禁'), ('URBAN_PROPERTY', '停车位'),
    ('URBAN_FACILITY', '路灯'), ('URBAN_FACILITY', '井盖'), ('URBAN_FACILITY', '健身器材'), ('URBAN_FACILITY', '下水道'),
    ('URBAN_FACILITY', '楼道灯'), ('URBAN_FACILITY', '座椅'), ('URBAN_FACILITY', '围栏'),
    ('URBAN_ILLEGAL_BUILDING', '违建'), ('URBAN_ILLEGAL_BUILDING', '私搭乱建'), ('URBAN_ILLEGAL_BUILDING', '占用绿地'),
    ('URBAN_HOUSING', '房屋漏水'), ('URBAN_HOUSING', '墙体裂缝'), ('URBAN_HOUSING', '房产证'), ('URBAN_HOUSING', '不动产'),
    ('ENV_WASTE', '垃圾'), ('ENV_WASTE', '垃圾桶'), ('ENV_WASTE', '清运'), ('ENV_WASTE', '建筑垃圾'),
    ('ENV_NOISE', '噪音'), ('ENV_NOISE', '噪声'), ('ENV_NOISE', '施工'), ('ENV_NOISE', '广场舞'), ('ENV_NOISE', '夜间'),
    ('ENV_POLLUTION', '排污'), ('ENV_POLLUTION', '油烟'), ('ENV_POLLUTION', '异味'), ('ENV_POLLUTION', '污水'),
    ('TRANSPORT_ROAD', '路面'), ('TRANSPORT_ROAD', '坑洼'), ('TRANSPORT_ROAD', '塌陷'), ('TRANSPORT_ROAD', '红绿灯'),
    ('TRANSPORT_BUS', '公交'), ('TRANSPORT_BUS', '公交车'), ('TRANSPORT_BUS', '站点'), ('TRANSPORT_BUS', '班次'),
    ('TRANSPORT_TAXI', '出租车'), ('TRANSPORT_TAXI', '拒载'), ('TRANSPORT_TAXI', '网约车'),
    ('EDU_SCHOOL', '学校'), ('EDU_SCHOOL', '老师'), ('EDU_SCHOOL', '校车'), ('EDU_ENROLMENT', '入学'),
    ('EDU_ENROLMENT', '招生'), ('EDU_ENROLMENT', '学区'), ('EDU_CULTURE', '图书馆'), ('EDU_CULTURE', '体育场'),
    ('LABOUR_WAGES', '工资'), ('LABOUR_WAGES', '欠薪'), ('LABOUR_WAGES', '讨薪'), ('LABOUR_WAGES', '工钱'),
    ('LABOUR_INSURANCE', '社保'), ('LABOUR_INSURANCE', '医保'), ('LABOUR_INSURANCE', '报销'), ('LABOUR_INSURANCE', '养老保险'),
    ('LABOUR_ELDERLY', '养老院'), ('LABOUR_ELDERLY', '老人'), ('LABOUR_ELDERLY', '助餐'),
    ('TRADE_MARKET', '摊贩'), ('TRADE_MARKET', '市场'), ('TRADE_MARKET', '价格'), ('TRADE_CONSUMER', '退货'),
    ('TRADE_CONSUMER', '退款'), ('TRADE_CONSUMER', '假货'), ('TRADE_CONSUMER', '商家'), ('TRADE_TOURISM', '景区'),
    ('TRADE_TOURISM', '导游'), ('TRADE_TOURISM', '门票'),
    ('HEALTH_MEDICAL', '医院'), ('HEALTH_MEDICAL', '医生'), ('HEALTH_MEDICAL', '挂号'), ('HEALTH_MEDICAL', '看病'),
    ('HEALTH_FOOD', '食品'), ('HEALTH_FOOD', '过期'), ('HEALTH_FOOD', '餐馆'), ('HEALTH_FOOD', '卫生许可'),
    ('HEALTH_PUBLIC', '疫苗'), ('HEALTH_PUBLIC', '蚊虫'), ('HEALTH_PUBLIC', '老鼠'), ('HEALTH_PUBLIC', '公厕'),
    ('UTILITY_WATER', '停水'), ('UTILITY_WATER', '水管'), ('UTILITY_WATER', '自来水'), ('UTILITY_WATER', '水压'),
    ('UTILITY_WATER', '漏水'),
    ('UTILITY_POWER', '停电'), ('UTILITY_POWER', '电线'), ('UTILITY_POWER', '电表'), ('UTILITY_POWER', '跳闸'),
    ('UTILITY_HEATING', '暖气'), ('UTILITY_HEATING', '供暖'), ('UTILITY_HEATING', '不热'), ('UTILITY_HEATING', '采暖费');
