package org.jiesu.dispatch;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jiesu.classification.CategorySuggester;
import org.jiesu.classification.Classification;
import org.jiesu.intake.Intake;
import org.jiesu.intake.RequestReceived;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.platform.BatchedFollowUps;
import org.jiesu.platform.JiesuException;
import org.jiesu.units.Route;
import org.jiesu.units.UnitDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dispatch follow-up of every new request: the catalogue's route proposal, recorded for the operator's queue.
 * It runs after the request's transaction committed, from the event publication registry, so a crash between the
 * two only delays it; it is idempotent (one row per request, inserted only if absent), so a second delivery after a
 * crash adds nothing.
 */
@Component
class RouteProposals {

    private static final Logger log = LoggerFactory.getLogger(RouteProposals.class);

    private final JdbcClient jdbc;
    private final Intake intake;
    private final UnitDirectory units;
    private final Clock clock;
    private final CategorySuggester classifier;
    private final BatchedFollowUps followUps;

    /** The queue of requests waiting for their proposal ({@link BatchedFollowUps}). */
    static final String QUEUE = "route-proposals";

    RouteProposals(
            JdbcClient jdbc,
            Intake intake,
            UnitDirectory units,
            Clock clock,
            CategorySuggester classifier,
            BatchedFollowUps followUps) {
        this.followUps = followUps;
        followUps.handle(QUEUE, this::proposeAll);
        this.jdbc = jdbc;
        this.intake = intake;
        this.units = units;
        this.clock = clock;
        this.classifier = classifier;
    }

    /** Queues the request for its proposal, in the transaction that records it; proposed in batches after the commit. */
    @EventListener
    void on(RequestReceived received) {
        followUps.queue(QUEUE, received.requestId());
    }

    void propose(long requestId) {
        if (find(requestId).isPresent()) {
            log.debug("Request {} has its route proposal already", requestId);
            return;
        }
        propose(intake.get(requestId));
    }

    /** Proposes routes for a batch of requests: what has a proposal already is skipped, the rest read at once. */
    void proposeAll(List<Long> requestIds) {
        Set<Long> done = of(requestIds).keySet();
        List<Long> missing =
                requestIds.stream().filter(id -> !done.contains(id)).toList();
        intake.findAll(missing).forEach(this::propose);
    }

    private void propose(ResidentRequest request) {
        long requestId = request.id();
        String category = request.categoryCode();
        Route route = null;
        String explanation = "";
        Classification verdict = null;
        if (category == null) {
            // The classifier may name one; below its threshold a person decides and nothing is routed on its word.
            verdict = classifier.classify(request.text(), 3);
            if (verdict.modelVersion() != null && !verdict.needsPerson() && verdict.top() != null) {
                category = verdict.top().code();
                explanation = String.format(
                        Locale.ROOT,
                        "Category %s suggested by classifier model %d (%d%% sure). ",
                        verdict.top().name(),
                        verdict.modelVersion(),
                        verdict.percent());
            }
        }
        if (category == null) {
            explanation = verdict != null && verdict.modelVersion() != null
                    ? String.format(
                            Locale.ROOT,
                            "The classifier is not sure enough (%d%%, threshold %d%%): a person decides the category,"
                                    + " then the catalogue routes it.",
                            verdict.percent(),
                            Math.round(verdict.threshold() * 100))
                    : "No category yet: the operator chooses one, then the catalogue routes it.";
        } else {
            try {
                route = units.route(request.latitude(), request.longitude(), request.communityId(), category, Set.of());
                explanation = explanation + route.explanation();
            } catch (JiesuException e) {
                // The request is valid without a place; the catalogue just cannot route it yet.
                explanation = explanation + e.getMessage();
            }
        }
        jdbc.sql("""
                        insert into route_proposal (request_id, category_code, unit_id, unit_name, place_unit_id,
                                                    fallback, support_unit_ids, explanation, proposed_at,
                                                    suggested_by_model, confidence, needs_person)
                        values (:request, :category, :unit, :unitName, :place, :fallback, :supports, :explanation,
                                :at, :model, :confidence, :needsPerson)
                        on conflict (request_id) do nothing""")
                .param("request", requestId)
                .param("category", category)
                .param("unit", route == null ? null : route.unitId())
                .param("unitName", route == null ? null : route.unitName())
                .param("place", route == null ? null : route.placeUnitId())
                .param("fallback", route != null && route.fallback())
                .param(
                        "supports",
                        route == null ? new Long[0] : route.supportUnitIds().toArray(Long[]::new))
                .param("explanation", explanation)
                .param("at", Timestamp.from(clock.instant()))
                .param("model", verdict == null || verdict.needsPerson() ? null : verdict.modelVersion())
                .param("confidence", verdict == null || verdict.modelVersion() == null ? null : verdict.confidence())
                .param("needsPerson", verdict != null && verdict.needsPerson())
                .update();
    }

    Optional<RouteProposal> find(long requestId) {
        return jdbc.sql("select * from route_proposal where request_id = ?")
                .param(requestId)
                .query(RouteProposals::map)
                .optional();
    }

    /** The proposals of these requests, by request id; requests whose follow-up has not run yet are missing. */
    Map<Long, RouteProposal> of(List<Long> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("select * from route_proposal where request_id = any(?)")
                .param(requestIds.toArray(Long[]::new))
                .query(RouteProposals::map)
                .list()
                .stream()
                .collect(Collectors.toMap(RouteProposal::requestId, Function.identity()));
    }

    private static RouteProposal map(ResultSet rs, int row) throws SQLException {
        Array supports = rs.getArray("support_unit_ids");
        return new RouteProposal(
                rs.getLong("request_id"),
                rs.getString("category_code"),
                rs.getObject("unit_id", Long.class),
                rs.getString("unit_name"),
                rs.getObject("place_unit_id", Long.class),
                rs.getBoolean("fallback"),
                Arrays.asList((Long[]) supports.getArray()),
                rs.getString("explanation"),
                rs.getTimestamp("proposed_at").toInstant(),
                rs.getObject("suggested_by_model", Integer.class),
                rs.getObject("confidence", Double.class),
                rs.getBoolean("needs_person"));
    }
}
