package org.jiesu.intake;

import java.time.Instant;
import org.jiesu.audit.AuditedFact;

/**
 * A new request was recorded. Published in the transaction that recorded it, so the event publication registry
 * keeps it for every listener until each has handled it.
 *
 * @param receivedBy the account that recorded it; {@code resident} for a resident without one
 */
public record RequestReceived(long requestId, String trackingCode, Channel channel, Instant at, String receivedBy)
        implements AuditedFact {

    @Override
    public String auditKey() {
        return "request-received:" + requestId;
    }

    @Override
    public Instant auditAt() {
        return at;
    }

    @Override
    public String auditActor() {
        return receivedBy;
    }

    @Override
    public String auditAction() {
        return "REQUEST_RECEIVED";
    }

    @Override
    public String auditSubject() {
        return "request:" + requestId;
    }

    @Override
    public String auditDetail() {
        return trackingCode + " by " + channel.name().toLowerCase().replace('_', ' ');
    }
}
