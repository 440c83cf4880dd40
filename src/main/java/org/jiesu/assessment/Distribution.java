package org.jiesu.assessment;

/**
 * The forced distribution in percent of the ranked units: "361" is 30 excellent, 60 good, 10 poor.
 *
 * <p>Quotas: excellent = n × excellent% / 100 and poor = n × poor% / 100, each rounded half down (2.5 → 2, 2.6 →
 * 3); good is the rest. Poor never takes a unit the excellent quota already holds.
 */
record Distribution(int excellent, int good, int poor) {

    static final Distribution DEFAULT = new Distribution(30, 60, 10);

    record Quotas(int excellent, int good, int poor) {}

    Quotas quotas(int n) {
        int e = halfDown(n, excellent);
        int p = Math.min(halfDown(n, poor), n - e);
        return new Quotas(e, n - e - p, p);
    }

    /** n × percent / 100 rounded to the nearest whole number, a half rounded down; exact in integers. */
    static int halfDown(int n, int percent) {
        int whole = n * percent / 100;
        int rest = n * percent % 100;
        return rest > 50 ? whole + 1 : whole;
    }

    boolean sumsTo100() {
        return excellent >= 0 && good >= 0 && poor >= 0 && excellent + good + poor == 100;
    }
}
