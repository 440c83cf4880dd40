package org.jiesu.dispatch;

import java.util.List;
import org.jiesu.classification.TrainingTexts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The classifier's view of the history: each closed request with its final category and the unit that led its
 * order to the end, newest first.
 */
@Component
class ClosedOrderTexts implements TrainingTexts {

    private final JdbcClient jdbc;

    ClosedOrderTexts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ClosedText> closed(int limit) {
        return jdbc.sql("""
                        select * from (
                            select distinct on (r.id) r.id, r.text, r.category_code, o.unit_id, r.community_id
                            from work_order o join request r on r.id = o.request_id
                            where o.state = 'CLOSED' and o.role = 'LEAD' and r.category_code is not null
                            order by r.id, o.closed_at desc) closed
                        order by id desc limit ?""")
                .param(limit)
                .query((rs, n) -> new ClosedText(
                        rs.getLong("id"),
                        rs.getString("text"),
                        rs.getString("category_code"),
                        rs.getObject("unit_id", Long.class),
                        rs.getObject("community_id", Long.class)))
                .list();
    }
}
