package org.jiesu.governance;

/** A cluster's short title: its representative request's title, without the asking words around the matter. */
final class ShortTitle {

    private static final int MAX = 32;
    private static final String[] OPENINGS = {
        "关于", "问问", "反映", "投诉", "举报", "咨询", "建议", "请求", "要求", "恳请", "希望", "强烈", "请问", "请"
    };
    private static final String[] ENDINGS = {"的问题", "问题", "的情况", "情况", "的建议", "的投诉", "的咨询"};

    private ShortTitle() {}

    static String of(HotMessage m) {
        String t = m.title().strip();
        if (t.isEmpty()) {
            t = m.text().strip();
        }
        t = t.replaceAll("[\\s]+", " ")
                .replaceAll("[？?！!。.，,；;：:、~～]+$", "")
                .replaceAll("^[^，,。！!？?]{1,2}[！!]+", ""); // an exclamation before the matter: 惊！！
        boolean changed = true;
        while (changed && t.length() > 4) {
            changed = false;
            for (String o : OPENINGS) {
                if (t.startsWith(o) && t.length() > o.length() + 4) {
                    t = t.substring(o.length());
                    changed = true;
                }
            }
            for (String e : ENDINGS) {
                if (t.endsWith(e) && t.length() > e.length() + 4) {
                    t = t.substring(0, t.length() - e.length());
                    changed = true;
                }
            }
        }
        if (t.codePointCount(0, t.length()) > MAX) {
            t = t.substring(0, t.offsetByCodePoints(0, MAX - 1)) + "…";
        }
        return t;
    }
}
