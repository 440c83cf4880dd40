package org.jiesu.intake;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A request as staff see it. Contact details are masked here; {@link Intake#unmaskContact} shows them, audited. */
public record ResidentRequest(
        long id,
        String trackingCode,
        Channel channel,
        RequestType type,
        String text,
        @Nullable String categoryCode,
        Urgency urgency,
        @Nullable Double latitude,
        @Nullable Double longitude,
        @Nullable Long communityId,
        @Nullable String address,
        @Nullable String maskedContactName,
        @Nullable String maskedContactPhone,
        boolean confidential,
        RequestStatus status,
        @Nullable String answer,
        Instant receivedAt,
        String receivedBy) {}
