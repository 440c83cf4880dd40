package org.jiesu.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jiesu.platform.DatabaseOutage;
import org.jiesu.platform.JiesuException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Shows a refusal from a page controller as the error page with its status and message. A resolver rather than a
 * {@code @ControllerAdvice}: it runs after Spring MVC's own resolvers, so the API's advice always answers first for
 * REST controllers, and an advice cannot be told to skip {@code @RestController}s (they are {@code @Controller}s
 * too).
 */
@Component
class PageErrors implements HandlerExceptionResolver, Ordered {

    @Override
    public @Nullable ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, @Nullable Object handler, Exception ex) {
        if (handler instanceof HandlerMethod method
                && AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)) {
            return null;
        }
        if (ex instanceof JiesuException refusal) {
            return page(refusal.status(), refusal.title(), refusal.getMessage());
        }
        if (ex instanceof MaxUploadSizeExceededException) {
            // Normally refused at the door by RequestLimits; this is the container's own limit speaking.
            return page(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Too large",
                    "The file is larger than the upload limit. Import large area files county by county or street"
                            + " by street.");
        }
        if (ex instanceof DataIntegrityViolationException) {
            return page(
                    HttpStatus.CONFLICT,
                    "Not saved",
                    "The change clashes with data that is already there and was not saved.");
        }
        if (ex instanceof OptimisticLockingFailureException) {
            return page(
                    HttpStatus.CONFLICT,
                    "Changed by someone else",
                    "Someone else changed this at the same moment. Reload it and try again.");
        }
        if (DatabaseOutage.isCause(ex)) {
            response.setHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            return page(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.TITLE, DatabaseOutage.DETAIL);
        }
        return null;
    }

    private static ModelAndView page(HttpStatus status, String title, String message) {
        ModelAndView page =
                new ModelAndView("error", Map.of("status", status.value(), "error", title, "message", message));
        page.setStatus(status);
        return page;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
