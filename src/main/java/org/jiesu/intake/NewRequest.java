package org.jiesu.intake;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What a resident asks, as an API body or a form. Channel, type and urgency default to WEB, HELP and NORMAL;
 * contact details are optional.
 */
public record NewRequest(
        @Nullable Channel channel,
        @Nullable RequestType type,

        @NotBlank(message = "say what the request is about")
        @Size(max = NewRequest.MAX_TEXT, message = "at most {max} characters")
        String text,

        @Nullable @Size(max = 64, message = "at most {max} characters")
        String categoryCode,

        @Nullable Urgency urgency,

        @Nullable
        @DecimalMin(value = "-90", message = "must lie within -90..90")
        @DecimalMax(value = "90", message = "must lie within -90..90")
        Double latitude,

        @Nullable
        @DecimalMin(value = "-180", message = "must lie within -180..180")
        @DecimalMax(value = "180", message = "must lie within -180..180")
        Double longitude,

        @Nullable Long communityId,

        @Nullable @Size(max = NewRequest.MAX_ADDRESS, message = "at most {max} characters")
        String address,

        @Nullable @Size(max = NewRequest.MAX_CONTACT_NAME, message = "at most {max} characters")
        String contactName,

        @Nullable @Pattern(regexp = NewRequest.PHONE, message = "must be a phone number of 5 to 20 digits")
        String contactPhone,

        @Nullable Boolean confidential) {

    public static final int MAX_TEXT = 2000;
    public static final int MAX_ADDRESS = 200;
    public static final int MAX_CONTACT_NAME = 50;
    public static final String PHONE = "^$|^[0-9+() -]{5,20}$";
    /** Why someone unmasks a contact; it goes into the audit log. */
    public static final int MAX_REASON = 500;
}
