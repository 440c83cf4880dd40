package org.jiesu.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The notices sent so far, and the default notifier that records them instead of sending them over a network. A
 * deployment with a real gateway adds its own {@link Notifier} bean marked {@code @Primary}.
 */
@Service
public class Notifications implements Notifier {

    private final JdbcClient jdbc;
    private final Clock clock;

    Notifications(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void send(Notice notice) {
        jdbc.sql("""
                        insert into notification (at, channel, unit_id, request_id, order_id, text)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(
                        Timestamp.from(Instant.now(clock)),
                        notice.channel().name(),
                        notice.unitId(),
                        notice.requestId(),
                        notice.orderId(),
                        notice.text())
                .update();
    }

    /** Records the text with the number masked, as the only trace: nothing here can send it again or to whom. */
    @Override
    public void sendText(String phone, String text) {
        send(new Notice(Notice.Channel.SMS, null, null, null, masked(phone) + " · " + text));
    }

    static String masked(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 8) {
            return "*".repeat(Math.max(1, digits.length()));
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }

    /** The newest notices to these units, or to requesters when {@code unitIds} is empty. */
    public List<SentNotice> recent(Collection<Long> unitIds, int limit) {
        return jdbc.sql("""
                        select id, at, channel, unit_id, request_id, order_id, text from notification
                        where (cardinality(?) = 0 and unit_id is null) or unit_id = any(?)
                        order by id desc limit ?""")
                .params(unitIds.toArray(Long[]::new), unitIds.toArray(Long[]::new), limit)
                .query(Notifications::map)
                .list();
    }

    private static SentNotice map(ResultSet rs, int row) throws SQLException {
        return new SentNotice(
                rs.getLong(1),
                rs.getTimestamp(2).toInstant(),
                Notice.Channel.valueOf(rs.getString(3)),
                rs.getObject(4, Long.class),
                rs.getObject(5, Long.class),
                rs.getObject(6, Long.class),
                rs.getString(7));
    }

    public List<SentNotice> forOrder(long orderId) {
        return jdbc.sql(
                        "select id, at, channel, unit_id, request_id, order_id, text from notification where order_id = ? order by id")
                .param(orderId)
                .query(Notifications::map)
                .list();
    }
}
