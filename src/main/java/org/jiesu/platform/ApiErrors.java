package org.jiesu.platform;

import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Turns every refusal in the JSON API into {@code application/problem+json} with a message a person can act
 * on. Bad input is never a 500.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(JiesuException.class)
    ProblemDetail refused(JiesuException e) {
        ProblemDetail problem = problem(e.status(), e.title(), e.getMessage());
        if (!e.problems().isEmpty()) {
            problem.setProperty("problems", e.problems());
        }
        return problem;
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail lostRace(OptimisticLockingFailureException e) {
        return problem(
                HttpStatus.CONFLICT,
                "Changed by someone else",
                "Someone else changed this at the same moment. Reload it and try again.");
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        if (nulInText(e)) {
            return nulRefused();
        }
        return problem(
                HttpStatus.CONFLICT,
                "Not saved",
                "The change clashes with data that is already there and was not saved.");
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraint(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", detail);
    }

    /**
     * Our own fault, not the caller's: logged in full, told briefly. A database that cannot be reached is nobody's
     * fault and passes: 503 with {@code Retry-After}, so clients and load balancers wait and retry.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseOutage.isCause(e)) {
            log.warn("Database unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.TITLE, DatabaseOutage.DETAIL));
        }
        if (nulInText(e)) {
            return ResponseEntity.badRequest().body(nulRefused());
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "Server error",
                        "Something went wrong on our side. Nothing was saved; please try again."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Invalid input",
                "'" + e.getName() + "' cannot be '" + FormValues.shown(String.valueOf(e.getValue())) + "'.");
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        if (detail.isEmpty()) {
            detail = ex.getBindingResult().getAllErrors().stream()
                    .map(o -> o.getDefaultMessage())
                    .collect(Collectors.joining("; "));
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input", detail));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "The body is missing or is not JSON of the expected shape.";
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof RequestLimits.TooLarge tooLarge) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(problem(HttpStatus.CONTENT_TOO_LARGE, "Too large", tooLarge.getMessage()));
        }
        if (cause instanceof InvalidFormatException bad) {
            String field = fieldPath(bad.getPath());
            String allowed = bad.getTargetType() != null && bad.getTargetType().isEnum()
                    ? " Allowed: "
                            + Arrays.stream(bad.getTargetType().getEnumConstants())
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(", "))
                            + "."
                    : "";
            detail = field + ": '" + FormValues.shown(String.valueOf(bad.getValue())) + "' is not a valid value."
                    + allowed;
        } else if (cause instanceof DatabindException mapping
                && !mapping.getPath().isEmpty()) {
            detail = fieldPath(mapping.getPath()) + ": this value has the wrong type.";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input", detail));
    }

    /**
     * PostgreSQL cannot hold NUL in text, and its driver refuses such a parameter before sending it. Pages never get
     * this far (RequestLimits refuses NUL in form fields); a JSON string may carry one as an escaped zero.
     */
    private static boolean nulInText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("22021".equals(sql.getSQLState())
                            || (sql.getMessage() != null && sql.getMessage().contains("Zero bytes")))) {
                return true;
            }
        }
        return false;
    }

    private static ProblemDetail nulRefused() {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Invalid input",
                "A text holds a NUL character (code 0), which text may not contain. Remove it and send again.");
    }

    private static String fieldPath(List<JacksonException.Reference> path) {
        return path.stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
