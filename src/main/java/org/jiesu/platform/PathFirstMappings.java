package org.jiesu.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds a request's controller method by its path first.
 *
 * <p>A path with a variable in it ({@code /open311/v2/requests.{format}}, {@code /orders/{id}}) has no direct entry,
 * so Spring MVC tries every one of the application's few hundred mappings on it. Spring checks the HTTP method,
 * the headers and the media types before the path, and each check reads the request through the security filters'
 * five wrappers. Under load that search took more than half of the CPU of a small GET, and matching the path
 * patterns themselves a seventh of a POST's (docs/benchmarks.md). Here a mapping is passed over at once when the
 * request's path does not start with the literal text before any of its patterns' first variable or wildcard; then
 * its patterns are matched; and the other conditions are checked only of mappings whose path fits. All conditions
 * must hold either way, so the same method is found.
 */
@Component
class PathFirstMappings implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new PathFirst();
    }

    static final class PathFirst extends RequestMappingHandlerMapping {

        /** The path being looked up on this thread, while {@link #lookupHandlerMethod} runs. */
        private static final ThreadLocal<String> LOOKUP = new ThreadLocal<>();

        /**
         * Each mapping's literal path beginnings, or null where a pattern has none to go by. Written while mappings
         * are registered (at start), replaced whole, read by identity.
         */
        private volatile Map<RequestMappingInfo, String[]> prefixes = new IdentityHashMap<>();

        @Override
        protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
            super.registerHandlerMethod(handler, method, mapping);
            remember(mapping);
        }

        @Override
        public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
            super.registerMapping(mapping, handler, method);
            remember(mapping);
        }

        private synchronized void remember(RequestMappingInfo mapping) {
            PathPatternsRequestCondition paths = mapping.getPathPatternsCondition();
            String[] starts = null;
            if (paths != null && !paths.isEmptyPathMapping()) {
                starts = paths.getPatternValues().stream()
                        .map(PathFirst::literalStart)
                        .toArray(String[]::new);
            }
            Map<RequestMappingInfo, String[]> next = new IdentityHashMap<>(prefixes);
            next.put(mapping, starts);
            prefixes = next;
        }

        /** The text of a pattern before its first variable or wildcard. */
        static String literalStart(String pattern) {
            int end = pattern.length();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '{' || c == '*' || c == '?') {
                    end = i;
                    break;
                }
            }
            return pattern.substring(0, end);
        }

        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            // An encoded character or a matrix parameter may still match a literal once decoded: no shortcut then.
            boolean plain = lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
            LOOKUP.set(plain ? lookupPath : null);
            try {
                return super.lookupHandlerMethod(lookupPath, request);
            } finally {
                LOOKUP.remove();
            }
        }

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            String path = LOOKUP.get();
            String[] starts = path == null ? null : prefixes.get(info);
            if (starts != null && !startsWithAny(path, starts)) {
                return null;
            }
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (paths != null && paths.getMatchingCondition(request) == null) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }

        private static boolean startsWithAny(String path, String[] starts) {
            for (String start : starts) {
                if (path.startsWith(start)) {
                    return true;
                }
            }
            return false;
        }
    }
}
