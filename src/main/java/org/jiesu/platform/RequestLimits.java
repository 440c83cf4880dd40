package org.jiesu.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses a request body over its size limit with 413 before anything reads it: {@code application/problem+json}
 * for the API, the error page otherwise. It belongs in the security filter chain ahead of the CSRF check: Tomcat
 * drops the fields of a multipart form it finds too large, so without this the form would lose its CSRF token and
 * come back as a puzzling 403. Bodies sent without a length (chunked) are counted as they are read.
 *
 * <p>It also refuses NUL characters in request parameters: nobody types one, and PostgreSQL cannot store or even
 * compare text that holds one.
 */
public final class RequestLimits extends OncePerRequestFilter {

    /** Thrown while reading a body that turns out longer than its limit; the API answers it with 413. */
    public static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private final DataSize maxBody;
    private final DataSize maxUpload;
    private final List<PathPattern> uploads;
    private final List<PathPattern> multipartUploads;

    /**
     * @param maxBody the limit of every body but uploads: forms and JSON calls
     * @param maxUpload the limit of the paths in {@code uploadPaths} (path patterns such as {@code /api/v1/units/*})
     */
    public RequestLimits(DataSize maxBody, DataSize maxUpload, List<String> uploadPaths) {
        this(maxBody, maxUpload, uploadPaths, List.of());
    }

    /**
     * @param multipartUploadPaths paths whose multipart bodies (a form with files, such as the resident's photos) may
     *     be as large as uploads, while their plain form posts keep the limit of forms
     */
    public RequestLimits(
            DataSize maxBody, DataSize maxUpload, List<String> uploadPaths, List<String> multipartUploadPaths) {
        this.maxBody = maxBody;
        this.maxUpload = maxUpload;
        this.uploads = uploadPaths.stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        this.multipartUploads = multipartUploadPaths.stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer container = PathContainer.parsePath(path);
        boolean upload = uploads.stream().anyMatch(p -> p.matches(container))
                || (isMultipart(request) && multipartUploads.stream().anyMatch(p -> p.matches(container)));
        DataSize limit = upload ? maxUpload : maxBody;
        if (request.getContentLengthLong() > limit.toBytes()) {
            refuse(request, response, path, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(limit));
            return;
        }
        if (isMultipart(request)) {
            try {
                request.getParts();
            } catch (IllegalStateException e) {
                if (sizeExceeded(e)) {
                    refuse(request, response, path, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(limit));
                    return;
                }
                throw e;
            } catch (ServletException | IOException e) {
                // A broken multipart body: Spring's multipart resolver reports it when the controller asks for it.
            }
        }
        if (hasNul(request)) {
            refuse(
                    request,
                    response,
                    path,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "A field holds a NUL character (code 0), which text may not contain. Remove it and send again.");
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    private static String tooLarge(DataSize limit) {
        return "The request is larger than " + megabytes(limit) + ". Send less at once: a request's text is at most "
                + "2000 characters, and a large area file can be imported county by county or street by street.";
    }

    private static String megabytes(DataSize size) {
        return size.toMegabytes() >= 1 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** The container says it in words only; Spring's own multipart resolver reads the same words. */
    private static boolean sizeExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("size") && (message.contains("exceed") || message.contains("limit"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNul(HttpServletRequest request) {
        for (var entry : request.getParameterMap().entrySet()) {
            if (entry.getKey().indexOf('\0') >= 0) {
                return true;
            }
            for (String value : entry.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void refuse(
            HttpServletRequest request, HttpServletResponse response, String path, int status, String detail)
            throws IOException {
        if (path.startsWith("/api/")) {
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            String title = status == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE ? "Too large" : "Invalid input";
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                            + ",\"detail\":\"" + detail.replace("\"", "\\\"") + "\",\"instance\":\""
                            + jsonSafe(path) + "\"}");
            return;
        }
        response.sendError(status, detail);
    }

    /** The path came from the client: keep only characters that need no escaping in JSON. */
    private static String jsonSafe(String path) {
        return path.replaceAll("[^A-Za-z0-9/._~-]", "_");
    }

    /** The body as read by Spring's converters, cut off with {@link TooLarge} one byte past the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final DataSize limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, DataSize limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final DataSize limit;
        private long read;

        CountingStream(ServletInputStream in, DataSize limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit.toBytes()) {
                throw new TooLarge(tooLarge(limit));
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
