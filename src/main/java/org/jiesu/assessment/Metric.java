package org.jiesu.assessment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a number on the dashboard counts. Each metric is one set of orders, written once as SQL that yields
 * {@code order_id, outcome, bucket}; the card's count, the trend, the ranking and the drill-down are all read from
 * that one set, so the number shown and the rows behind it cannot disagree.
 *
 * <p>Parameters of every statement: {@code units} as a PostgreSQL array literal of unit ids, {@code start} and
 * {@code end} bounding the period, {@code now}, and {@code zone} for local months and days.
 */
public enum Metric {

    /**
     * Orders dispatched in the period whose signing is due: signed within the limit, or not; excluded ones apart,
     * with their reason. Read from the orders' facts, the rows the rollups sum.
     */
    RESPONSE(List.of(Metric.COUNTED, Metric.MISSED, Metric.EXCLUDED), """
            select f.order_id,
                   case when f.exclusion <> '' and f.exclusion = any(cast(:exclusions as text[])) then 'excluded'
                        when f.response = 'pending' then 'missed' else f.response end as outcome,
                   to_char(f.dispatch_month, 'YYYY-MM') as bucket, f.exclusion as reason
            from assessment_order_fact f
            where f.unit_id = any(cast(:units as bigint[]))
              and f.dispatch_month >= :fromMonth and f.dispatch_month <= :toMonth
              and (f.response <> 'pending' or f.sign_deadline < :now)
            """),

    /**
     * Orders whose latest callback that reached the resident fell in the period: resolved or not. A redo's callback
     * replaces the first verdict, so an order counts once.
     */
    RESOLUTION(List.of(Metric.COUNTED, Metric.MISSED, Metric.EXCLUDED), """
            select f.order_id,
                   case when f.exclusion <> '' and f.exclusion = any(cast(:exclusions as text[])) then 'excluded'
                        else f.resolution end as outcome,
                   to_char(f.callback_month, 'YYYY-MM') as bucket, f.exclusion as reason
            from assessment_order_fact f
            where f.unit_id = any(cast(:units as bigint[]))
              and f.callback_month >= :fromMonth and f.callback_month <= :toMonth
            """),

    /** Orders whose latest rating fell in the period, by that rating. */
    SATISFACTION(List.of(Metric.SATISFIED, Metric.BASICALLY_SATISFIED, Metric.DISSATISFIED, Metric.EXCLUDED), """
            select f.order_id,
                   case when f.exclusion <> '' and f.exclusion = any(cast(:exclusions as text[])) then 'excluded'
                        else f.satisfaction end as outcome,
                   to_char(f.rating_month, 'YYYY-MM') as bucket, f.exclusion as reason
            from assessment_order_fact f
            where f.unit_id = any(cast(:units as bigint[]))
              and f.rating_month >= :fromMonth and f.rating_month <= :toMonth
            """),

    /**
     * Every order dispatched in the period; the outcome is its top-level category, the bucket its local day. The
     * dashboard's volume panels read the same counts from the volume rollup ({@link Rollups}, {@code
     * assessment_volume}), which holds each order under its fact's day and category; the drill-down lists this set.
     */
    VOLUME(List.of(), """
            select o.id as order_id,
                   coalesce(cat.parent_code, cat.code, '-') as outcome,
                   to_char(o.dispatched_at at time zone :zone, 'YYYY-MM-DD') as bucket, '' as reason
            from work_order o
                 join request r on r.id = o.request_id
                 left join category cat on cat.code = r.category_code
            where o.unit_id = any(cast(:units as bigint[]))
              and o.dispatched_at >= :start and o.dispatched_at < :end
            """),

    /** Open orders past their signing or reply deadline now, whatever the period. */
    OVERDUE(List.of("sign", "reply"), """
            select o.id as order_id,
                   case when o.state = 'DISPATCHED' and o.sign_deadline < :now then 'sign' else 'reply' end
                       as outcome,
                   '' as bucket, '' as reason
            from work_order o
            where o.unit_id = any(cast(:units as bigint[]))
              and ((o.state = 'DISPATCHED' and o.sign_deadline < :now)
                   or (o.state in ('DISPATCHED', 'SIGNED') and o.reply_deadline < :now))
            """),

    /** Open orders a supervisor has urged, whatever the period. */
    URGED(List.of(), """
            select o.id as order_id, o.state as outcome, '' as bucket, '' as reason
            from work_order o
            where o.unit_id = any(cast(:units as bigint[]))
              and o.urged_at is not null
              and o.state not in ('CLOSED', 'RETURNED', 'ESCALATED', 'MERGED')
            """);

    public static final String COUNTED = "counted";
    public static final String MISSED = "missed";
    public static final String SATISFIED = "satisfied";
    public static final String BASICALLY_SATISFIED = "basic";
    public static final String DISSATISFIED = "dissatisfied";
    /** Left out of a rate by an exclusion in force; the row says which. */
    public static final String EXCLUDED = "excluded";

    private static final String TALLY_HEAD = "select b.outcome, count(*) as n from (";
    private static final String TALLY_TAIL = ") b group by b.outcome";
    private static final String FILTER = """
            ) b where (cast(:outcome as text) = '' and b.outcome <> 'excluded' or b.outcome = :outcome)
                  and (cast(:bucket as text) = '' or b.bucket = :bucket)
            """;
    private static final String COUNT_HEAD = "select count(*) from (";
    private static final String PAGE_HEAD = """
            select o.id, o.state, o.role, u.name as unit_name, o.dispatched_at, o.sign_deadline, o.reply_deadline,
                   o.signed_at, o.urged_at, cat.name as category_name, b.outcome, b.reason
            from (select b.* from (""";
    private static final String PAGE_TAIL = """
            ) b join work_order o on o.id = b.order_id
                join unit u on u.id = o.unit_id
                join request r on r.id = o.request_id
                left join category cat on cat.code = r.category_code
            order by o.id desc
            limit :limit offset :offset
            """;

    private final List<String> outcomes;
    final String tally;
    final String count;
    final String page;

    Metric(List<String> outcomes, String base) {
        this.outcomes = outcomes;
        this.tally = TALLY_HEAD + base + TALLY_TAIL;
        this.count = COUNT_HEAD + base + FILTER;
        this.page = PAGE_HEAD + base + FILTER + PAGE_TAIL;
    }

    /** The outcomes a drill-down may filter by; empty when the metric's outcome is free, as a category code. */
    public List<String> outcomes() {
        return outcomes;
    }

    public boolean rate() {
        return this == RESPONSE || this == RESOLUTION || this == SATISFACTION;
    }

    /** True when the metric counts what stands open now rather than what happened in a period. */
    public boolean current() {
        return this == OVERDUE || this == URGED;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Metric> parse(String text) {
        for (Metric m : values()) {
            if (m.key().equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
