package org.jiesu.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hand-made labelled requests for the classifier's tests (the shared hotline data stays outside the project): per
 * category a few things residents speak of and what is wrong with them, put into sentences that share their frame
 * words across categories, so that only the matter tells the categories apart. Deterministic for a seed.
 */
final class SampleTexts {

    private static final String[][] MATTERS = {
        // label, then the things, then what is wrong with them
        {"ENV", "垃圾桶|垃圾站|建筑垃圾|生活垃圾|化粪池|河道", "满了没人清运|臭气熏天|堆在路边好几天|污水横流"},
        {"TRANSPORT", "公交车|公交站台|红绿灯|路面|出租车|斑马线", "班次太少等很久|坏了没人修|坑洼不平很危险|司机拒载绕路"},
        {"EDU", "学校|幼儿园|老师|学区|校车|教室", "乱收补课费|入学报名难|超员严重|体罚学生"},
        {"LABOUR", "工资|社保|养老保险|医保|劳动合同|退休金", "被拖欠半年|断缴无法补缴|报销迟迟不到账|单位不给签"},
        {"HEALTH", "医院|诊所|疫苗|药店|卫生院|食堂", "看病排队太久|乱开检查|过期药品还在卖|卫生条件很差"},
    };

    private static final String[] PLACES = {"A市", "A3区", "西地省", "K1区", "L5县", "嘉顺小区", "昌吉市", "南门街道"};
    private static final String[] FRAMES = {
        "{place}的{thing}{wrong}，希望有关部门尽快处理。",
        "反映{place}{thing}{wrong}的问题",
        "请问{place}的{thing}{wrong}怎么办？",
        "{thing}{wrong}，已经很久了，{place}的居民都很着急。",
        "关于{place}{thing}{wrong}的投诉",
    };

    private SampleTexts() {}

    static List<LabelledText> generate(int perLabel, long seed) {
        Random random = new Random(seed);
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < perLabel; i++) {
            for (String[] matter : MATTERS) {
                String[] things = matter[1].split("\\|");
                String[] wrongs = matter[2].split("\\|");
                String text = FRAMES[random.nextInt(FRAMES.length)]
                        .replace("{place}", PLACES[random.nextInt(PLACES.length)])
                        .replace("{thing}", things[random.nextInt(things.length)])
                        .replace("{wrong}", wrongs[random.nextInt(wrongs.length)]);
                out.add(new LabelledText(text, matter[0]));
            }
        }
        return out;
    }

    /** The same with one category far larger than the others, so that "always the largest" is a real baseline. */
    static List<LabelledText> unbalanced(long seed) {
        List<LabelledText> out = new ArrayList<>(generate(30, seed));
        generate(60, seed + 1).stream().filter(t -> t.label().equals("ENV")).forEach(out::add);
        return out;
    }
}
