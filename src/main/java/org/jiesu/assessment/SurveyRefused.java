package org.jiesu.assessment;

import org.jiesu.platform.JiesuException;
import org.springframework.http.HttpStatus;

/**
 * A refusal on the public survey page, which residents read in their own language: the key names the message in the
 * dashboard bundle, the English text serves the API and the logs.
 */
final class SurveyRefused extends JiesuException {

    enum Reason {
        UNKNOWN(HttpStatus.NOT_FOUND),
        USED(HttpStatus.CONFLICT),
        NOT_OPEN(HttpStatus.CONFLICT),
        CLOSED(HttpStatus.CONFLICT),
        INCOMPLETE(HttpStatus.BAD_REQUEST);

        final HttpStatus status;

        Reason(HttpStatus status) {
            this.status = status;
        }
    }

    private final Reason reason;

    SurveyRefused(Reason reason, String message) {
        super(reason.status, "Survey", message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    String key() {
        return "dashboard.survey.refused." + reason.name();
    }
}
