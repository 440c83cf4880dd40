package org.jiesu.assessment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jiesu.dispatch.OrderChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rollups behind the three rates and the dashboard's volumes: one fact per order (what it adds to each rate, and
 * why it is excluded if it is; its local dispatch day and top-level category) and the facts summed by unit and month
 * ({@code assessment_rollup}) and by unit, day and category ({@code assessment_volume}, every order whatever its
 * exclusion). An order's change marks it dirty in the change's own transaction; the dirty orders are folded in
 * before every read and every few seconds, each computed again from the order and its callbacks, the difference to
 * its old fact added to the sums. {@link #rebuild()} computes everything again from the
 * orders, for an upgrade, a bulk load or a doubt.
 *
 * <p>Several instances may fold at once: each takes dirty orders the others have not locked. A rebuild holds an
 * exclusive advisory lock, folding a shared one, so none runs during a rebuild; readers then read the sums as they
 * were until the rebuild commits.
 *
 * <p>An order's category is its request's top-level category when its fact was computed. A request's category is
 * set when it is dispatched, before its orders exist, so the facts hold it; but an edit of the category tree (a
 * subcategory moved under another parent, a code removed) changes no order and marks nothing dirty: it needs a
 * {@link #rebuild()} for the volumes by category to follow it.
 */
@Service
public class Rollups {

    private static final Logger log = LoggerFactory.getLogger(Rollups.class);

    /** The advisory lock between folding (shared) and rebuilding (exclusive). */
    static final long LOCK = 0x6a69_6573_7552L;

    /** How many dirty orders one transaction folds. */
    static final int BATCH = 2000;

    /**
     * What one order adds: parameter {@code zone}; the caller appends a condition on {@code o}. Nothing in it depends
     * on the time it is computed: an order still waiting to be signed is {@code pending}, and readers count it missed
     * once its limit has passed; an order that left the unit unsigned (escalated, say) is missed at once. An order
     * counts for resolution and satisfaction once, in the month of its latest callback that reached the resident and
     * of its latest rating: a redo's callback replaces the first one's verdict. Its day and category are those the
     * dashboard's volumes count it under: the local day of its dispatch and its request's top-level category.
     */
    static final String FACTS = """
            select o.id as order_id, o.unit_id,
                   cast(date_trunc('month', o.dispatched_at at time zone :zone) as date) as dispatch_month,
                   case when o.state = 'RETURNED' then 'RETURNED'
                        when o.state = 'MERGED' then 'MERGED'
                        when o.final_reply then 'FINAL_REPLY' else '' end as exclusion,
                   case when o.signed_at is not null and o.signed_at <= o.sign_deadline then 'counted'
                        when o.signed_at is null and o.state in ('DISPATCHED', 'RETURN_REQUESTED') then 'pending'
                        else 'missed' end as response,
                   o.sign_deadline,
                   cb.month as callback_month, cb.outcome as resolution,
                   rt.month as rating_month, rt.satisfaction,
                   cast(o.dispatched_at at time zone :zone as date) as dispatch_day,
                   coalesce(cat.parent_code, cat.code, '-') as category
            from work_order o
            join request r on r.id = o.request_id
            left join category cat on cat.code = r.category_code
            left join lateral (
                select cast(date_trunc('month', c.at at time zone :zone) as date) as month,
                       case when c.outcome = 'RESOLVED' then 'counted' else 'missed' end as outcome
                from callback c
                where c.order_id = o.id and c.outcome <> 'UNREACHABLE'
                order by c.at desc, c.id desc limit 1) cb on true
            left join lateral (
                select cast(date_trunc('month', c.at at time zone :zone) as date) as month,
                       case c.satisfaction when 'SATISFIED' then 'satisfied'
                            when 'BASICALLY_SATISFIED' then 'basic' else 'dissatisfied' end as satisfaction
                from callback c
                where c.order_id = o.id and c.satisfaction is not null
                order by c.at desc, c.id desc limit 1) rt on true
            """;

    /** The facts' contributions to the sums; {@code f} is a relation shaped like the fact table. */
    private static final String CONTRIBUTIONS = """
            select unit_id, dispatch_month as month, 'response' as metric, response as outcome, exclusion
            from %1$s f
            union all
            select unit_id, callback_month, 'resolution', resolution, exclusion
            from %1$s f where callback_month is not null
            union all
            select unit_id, rating_month, 'satisfaction', satisfaction, exclusion
            from %1$s f where rating_month is not null
            """;

    private static final String COLUMNS = "order_id, unit_id, dispatch_month, exclusion, response, sign_deadline,"
            + " callback_month, resolution, rating_month, satisfaction, dispatch_day, category";

    /** The facts' contributions to the volumes; {@code f} is a relation shaped like the fact table. */
    private static final String VOLUMES = "select unit_id, dispatch_day as day, category from %s f";

    /**
     * Folds a batch of orders: their old facts out, their new facts in, the difference added to the rates' sums and
     * to the volumes, each sorted by its key so that folds side by side take row locks in one order.
     */
    private static final String FOLD = """
            with old as (
                select * from assessment_order_fact where order_id = any(cast(:ids as bigint[])) for update),
            new as (%1$s where o.id = any(cast(:ids as bigint[]))),
            saved as (
                insert into assessment_order_fact (%2$s) select %2$s from new
                on conflict (order_id) do update set
                    unit_id = excluded.unit_id, dispatch_month = excluded.dispatch_month,
                    exclusion = excluded.exclusion, response = excluded.response,
                    sign_deadline = excluded.sign_deadline, callback_month = excluded.callback_month,
                    resolution = excluded.resolution, rating_month = excluded.rating_month,
                    satisfaction = excluded.satisfaction, dispatch_day = excluded.dispatch_day,
                    category = excluded.category
                returning 1),
            volume as (
                insert into assessment_volume (unit_id, day, category, n)
                select unit_id, day, category, sum(d) from (
                    select unit_id, day, category, 1 as d from (%5$s) plus
                    union all
                    select unit_id, day, category, -1 from (%6$s) minus) v
                group by unit_id, day, category
                having sum(d) <> 0
                order by unit_id, day, category
                on conflict (unit_id, day, category) do update set n = assessment_volume.n + excluded.n
                returning 1),
            delta as (
                select unit_id, month, metric, outcome, exclusion, 1 as d from (%3$s) plus
                union all
                select unit_id, month, metric, outcome, exclusion, -1 from (%4$s) minus)
            insert into assessment_rollup (unit_id, month, metric, outcome, exclusion, n)
            select unit_id, month, metric, outcome, exclusion, sum(d) from delta
            group by unit_id, month, metric, outcome, exclusion
            having sum(d) <> 0
            order by unit_id, month, metric, outcome, exclusion
            on conflict (unit_id, month, metric, outcome, exclusion) do update set n = assessment_rollup.n + excluded.n
            """.formatted(
                    FACTS,
                    COLUMNS,
                    CONTRIBUTIONS.formatted("new"),
                    CONTRIBUTIONS.formatted("old"),
                    VOLUMES.formatted("new"),
                    VOLUMES.formatted("old"));

    private static final String CREATE_FACTS_NEXT =
            "create table assessment_order_fact_next (like assessment_order_fact including defaults including constraints)";

    private static final String FILL_FACTS_NEXT =
            "insert into assessment_order_fact_next (%1$s) select %1$s from (%2$s) f".formatted(COLUMNS, FACTS);

    private static final String CREATE_ROLLUP_NEXT =
            "create table assessment_rollup_next (like assessment_rollup including defaults including constraints)";

    private static final String FILL_ROLLUP_NEXT = """
            insert into assessment_rollup_next (unit_id, month, metric, outcome, exclusion, n)
            select unit_id, month, metric, outcome, exclusion, count(*) from (%s) c
            group by unit_id, month, metric, outcome, exclusion
            """.formatted(CONTRIBUTIONS.formatted("assessment_order_fact_next"));

    private static final String CREATE_VOLUME_NEXT =
            "create table assessment_volume_next (like assessment_volume including defaults including constraints)";

    private static final String FILL_VOLUME_NEXT = """
            insert into assessment_volume_next (unit_id, day, category, n)
            select unit_id, day, category, count(*) from (%s) v
            group by unit_id, day, category
            """.formatted(VOLUMES.formatted("assessment_order_fact_next"));

    /** Indexes made after the fill, which is faster; then the new tables take the old ones' names, indexes too. */
    private static final List<String> SWAP = List.of(
            "alter table assessment_order_fact_next add constraint assessment_order_fact_next_pkey primary key (order_id)",
            "create index assessment_order_fact_next_dispatch_idx on assessment_order_fact_next (unit_id, dispatch_month)",
            """
            create index assessment_order_fact_next_callback_idx on assessment_order_fact_next (unit_id, callback_month)
                where callback_month is not null""",
            """
            create index assessment_order_fact_next_rating_idx on assessment_order_fact_next (unit_id, rating_month)
                where rating_month is not null""",
            """
            create index assessment_order_fact_next_pending_idx on assessment_order_fact_next (sign_deadline)
                where response = 'pending'""",
            """
            alter table assessment_rollup_next add constraint assessment_rollup_next_pkey
                primary key (unit_id, month, metric, outcome, exclusion)""",
            """
            alter table assessment_volume_next add constraint assessment_volume_next_pkey
                primary key (unit_id, day, category)""",
            "drop table assessment_order_fact, assessment_rollup, assessment_volume",
            "alter table assessment_order_fact_next rename to assessment_order_fact",
            "alter table assessment_rollup_next rename to assessment_rollup",
            "alter table assessment_volume_next rename to assessment_volume",
            "alter index assessment_order_fact_next_pkey rename to assessment_order_fact_pkey",
            "alter index assessment_order_fact_next_dispatch_idx rename to assessment_order_fact_dispatch_idx",
            "alter index assessment_order_fact_next_callback_idx rename to assessment_order_fact_callback_idx",
            "alter index assessment_order_fact_next_rating_idx rename to assessment_order_fact_rating_idx",
            "alter index assessment_order_fact_next_pending_idx rename to assessment_order_fact_pending_idx",
            "alter index assessment_rollup_next_pkey rename to assessment_rollup_pkey",
            "alter index assessment_volume_next_pkey rename to assessment_volume_pkey");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ZoneId zone;

    Rollups(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        // Readers fold before they read, inside their own read-only transactions.
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.zone = zone;
    }

    /** Marks the order to be folded in again, in the transaction that changed it. */
    @EventListener
    void orderChanged(OrderChanged event) {
        jdbc.sql("insert into assessment_dirty (order_id) values (?) on conflict do nothing")
                .param(event.orderId())
                .update();
    }

    /**
     * Folds in every dirty order no other instance is folding, batch by batch; returns how many were folded. Does
     * nothing while a rebuild runs: the rebuild's result will hold them, or they stay dirty for the next fold.
     */
    public int catchUp() {
        int total = 0;
        while (true) {
            Integer folded = tx.execute(status -> fold());
            if (folded == null || folded <= 0) {
                return total;
            }
            total += folded;
            if (folded < BATCH) {
                return total;
            }
        }
    }

    private int fold() {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock_shared(?)")
                .param(LOCK)
                .query(Boolean.class)
                .single();
        if (!Boolean.TRUE.equals(locked)) {
            return -1;
        }
        List<Long> ids = jdbc.sql("""
                        delete from assessment_dirty where order_id in (
                            select order_id from assessment_dirty order by order_id limit ? for update skip locked)
                        returning order_id""").param(BATCH).query(Long.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        jdbc.sql(FOLD)
                .param("ids", Scope.literal(ids))
                .param("zone", zone.getId())
                .update();
        return ids.size();
    }

    /** Folds in the background too, so that a reader seldom finds much to fold. */
    @Scheduled(fixedDelayString = "${jiesu.assessment.fold-interval:PT5S}", initialDelayString = "PT30S")
    void foldPeriodically() {
        catchUp();
    }

    /** After an upgrade or a bulk load that wrote orders directly, the facts are computed once from the orders. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void buildWhenMissing() {
        boolean missing = jdbc.sql("""
                        select exists (select 1 from work_order)
                           and not exists (select 1 from assessment_order_fact)""").query(Boolean.class).single();
        if (missing) {
            log.info("Assessment rollups are empty while orders exist: rebuilding them from the orders.");
            rebuild();
        }
        catchUp();
    }

    /**
     * Computes every fact, sum and volume again from the orders and their callbacks, into new tables that replace the old
     * ones at the end, in one transaction: readers go on reading the old sums meanwhile. Returns the time it took.
     */
    public Duration rebuild() {
        Instant started = Instant.now();
        tx.executeWithoutResult(status -> {
            jdbc.sql("select 1 from (select pg_advisory_xact_lock(?)) l")
                    .param(LOCK)
                    .query(Integer.class)
                    .single();
            jdbc.sql("drop table if exists assessment_order_fact_next, assessment_rollup_next, assessment_volume_next")
                    .update();
            jdbc.sql(CREATE_FACTS_NEXT).update();
            jdbc.sql(FILL_FACTS_NEXT).param("zone", zone.getId()).update();
            jdbc.sql(CREATE_ROLLUP_NEXT).update();
            jdbc.sql(FILL_ROLLUP_NEXT).update();
            jdbc.sql(CREATE_VOLUME_NEXT).update();
            jdbc.sql(FILL_VOLUME_NEXT).update();
            for (String ddl : SWAP) {
                jdbc.sql(ddl).update();
            }
            jdbc.sql("analyze assessment_order_fact").update();
            jdbc.sql("analyze assessment_rollup").update();
            jdbc.sql("analyze assessment_volume").update();
        });
        Duration took = Duration.between(started, Instant.now());
        log.info("Assessment rollups rebuilt in {} ms.", took.toMillis());
        return took;
    }
}
