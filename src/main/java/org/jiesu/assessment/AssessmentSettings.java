package org.jiesu.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.jiesu.audit.AuditLog;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rate settings and their history. Nothing is overwritten: a change is a new row in force from its month, and
 * the rates of a period follow the row in force in the period's last month.
 */
@Service
public class AssessmentSettings {

    /** What an administrator asks to change, as typed. */
    public record Change(
            String validFrom,
            String weightResponse,
            String weightResolution,
            String weightSatisfaction,
            String basicSatisfaction,
            @Nullable Boolean excludeReturned,
            @Nullable Boolean excludeFinalReply,
            @Nullable Boolean excludeMerged,
            String note) {

        /** An unticked box is not sent at all: it means no. */
        public boolean excludes(@Nullable Boolean box) {
            return Boolean.TRUE.equals(box);
        }
    }

    private static final String COLUMNS = """
            id, valid_from, weight_response, weight_resolution, weight_satisfaction, basic_satisfaction,
            exclude_returned, exclude_final_reply, exclude_merged, note, changed_by, changed_at""";

    private static final String IN_FORCE = "select " + COLUMNS
            + " from assessment_setting where valid_from <= ? order by valid_from desc, id desc limit 1";

    private static final String HISTORY =
            "select " + COLUMNS + " from assessment_setting order by valid_from desc, id desc";

    private final JdbcClient jdbc;
    private final Actors actors;
    private final AuditLog audit;
    private final Clock clock;

    AssessmentSettings(JdbcClient jdbc, Actors actors, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.actors = actors;
        this.audit = audit;
        this.clock = clock;
    }

    /** The settings in force in a month. */
    @Transactional(readOnly = true)
    public RateSettings inForce(YearMonth month) {
        return jdbc.sql(IN_FORCE)
                .param(month.atDay(1))
                .query(AssessmentSettings::map)
                .optional()
                .orElseThrow(() -> new IllegalStateException("No assessment settings are in force in " + month));
    }

    /** The version in force in a month, picked from {@link #history()} as {@link #inForce(YearMonth)} picks it. */
    static RateSettings inForce(List<RateSettings> history, YearMonth month) {
        return history.stream()
                .filter(h -> !h.validFrom().isAfter(month))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No assessment settings are in force in " + month));
    }

    /** Every version, the newest first. */
    @Transactional(readOnly = true)
    public List<RateSettings> history() {
        return jdbc.sql(HISTORY).query(AssessmentSettings::map).list();
    }

    /** Records new settings from a month on; refuses them whole, with every problem named, when any is wrong. */
    @Transactional
    public RateSettings change(Actor actor, Change change) {
        actors.requireRole(actor, Role.ADMIN);
        List<String> problems = new ArrayList<>();
        YearMonth from = Period.parseMonth(change.validFrom()).orElse(null);
        if (from == null) {
            problems.add("validFrom: a month written as 2026-11.");
        }
        Integer response = percent("weightResponse", change.weightResponse(), problems);
        Integer resolution = percent("weightResolution", change.weightResolution(), problems);
        Integer satisfaction = percent("weightSatisfaction", change.weightSatisfaction(), problems);
        if (response != null && resolution != null && satisfaction != null) {
            int sum = response + resolution + satisfaction;
            if (sum != 100) {
                problems.add("weights: the three weights sum to " + sum + "%, not 100%.");
            }
        }
        Double basic = null;
        try {
            basic = Double.parseDouble(
                    change.basicSatisfaction() == null
                            ? ""
                            : change.basicSatisfaction().strip());
            if (!(basic >= 0 && basic <= 1)) {
                problems.add("basicSatisfaction: a number from 0 to 1, such as 0.8.");
                basic = null;
            }
        } catch (NumberFormatException e) {
            problems.add("basicSatisfaction: a number from 0 to 1, such as 0.8.");
        }
        String note = change.note() == null ? "" : change.note().strip();
        if (note.length() > 500) {
            problems.add("note: at most 500 characters.");
        }
        if (!problems.isEmpty()) {
            throw JiesuException.invalid("The settings were not changed: " + String.join(" ", problems), problems);
        }
        Instant now = Instant.now(clock);
        long id = jdbc.sql("""
                        insert into assessment_setting (valid_from, weight_response, weight_resolution,
                            weight_satisfaction, basic_satisfaction, exclude_returned, exclude_final_reply,
                            exclude_merged, note, changed_by, changed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        from.atDay(1),
                        response,
                        resolution,
                        satisfaction,
                        basic,
                        change.excludes(change.excludeReturned()),
                        change.excludes(change.excludeFinalReply()),
                        change.excludes(change.excludeMerged()),
                        note,
                        actor.username(),
                        Timestamp.from(now))
                .query(Long.class)
                .single();
        RateSettings saved = inForce(from);
        audit.record(
                actor.username(),
                "assessment.settings",
                "assessment_setting:" + id,
                "from " + from + ": weights " + response + "/" + resolution + "/" + satisfaction + ", basic " + basic
                        + ", excluded " + saved.exclusions());
        return saved;
    }

    private static Integer percent(String field, String text, List<String> problems) {
        try {
            int value = Integer.parseInt(text == null ? "" : text.strip());
            if (value < 0 || value > 100) {
                problems.add(field + ": a whole percent from 0 to 100.");
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(field + ": a whole percent from 0 to 100.");
            return null;
        }
    }

    private static RateSettings map(ResultSet rs, int row) throws SQLException {
        LocalDate from = rs.getObject("valid_from", LocalDate.class);
        return new RateSettings(
                rs.getLong("id"),
                YearMonth.from(from),
                rs.getInt("weight_response"),
                rs.getInt("weight_resolution"),
                rs.getInt("weight_satisfaction"),
                rs.getDouble("basic_satisfaction"),
                rs.getBoolean("exclude_returned"),
                rs.getBoolean("exclude_final_reply"),
                rs.getBoolean("exclude_merged"),
                rs.getString("note"),
                rs.getString("changed_by"),
                rs.getTimestamp("changed_at").toInstant());
    }
}
