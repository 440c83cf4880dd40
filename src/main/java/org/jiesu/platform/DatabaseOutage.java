package org.jiesu.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a database that cannot be reached from every other failure. While PostgreSQL is down or restarting, callers
 * get a 503 with {@code Retry-After} (problem+json for the API, a readable page otherwise) instead of a 500: nothing
 * was saved, and the same request will work once the database is back.
 */
public final class DatabaseOutage {

    /** Seconds a caller should wait before trying again; a restarting PostgreSQL is usually back well within it. */
    public static final int RETRY_AFTER_SECONDS = 10;

    public static final String TITLE = "Database unavailable";
    public static final String DETAIL =
            "The database cannot be reached just now. Nothing was saved; please try again in a few seconds.";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DatabaseOutage() {}

    /** Whether this failure, or any of its causes, says the database could not be reached. */
    public static boolean isCause(@Nullable Throwable failure) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && (lostConnection(sql.getSQLState()) || closedByPool(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP's answer on a connection it already closed because the server dropped it, say when a commit failed on
     * a dead connection and the rollback after it finds the connection gone. It carries no SQLSTATE.
     */
    private static boolean closedByPool(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    /**
     * SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, crash), and 53300 (too
     * many connections): the server is gone or refusing, not the statement wrong.
     */
    private static boolean lostConnection(@Nullable String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }

    /**
     * Answers the request with a 503 where no controller could: in a filter, or before the request got that far, or
     * after its handler had answered, as when the commit in {@link IdempotentPosts} finds the database gone.
     */
    public static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        // A handler's 201 may have named what it created; that was never saved.
        response.setHeader(HttpHeaders.LOCATION, null);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            write(response, problemJson());
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            write(response, PAGE);
        }
        response.flushBuffer();
    }

    /**
     * A response gives out either its output stream or its writer, never both, and resetting its buffer does not
     * undo that choice. The failed request may have made it already: a JSON body takes the stream (and IdempotentPosts
     * holds that body back until its commit, which can be where the database turns out gone), a page takes the
     * writer. Asking for the other one would throw, and the 503 would become the container's 500.
     */
    private static void write(HttpServletResponse response, String body) throws IOException {
        try {
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException writerTaken) {
            response.getWriter().write(body);
        }
    }

    static String problemJson() {
        return JSON.writeValueAsString(Map.of(
                "type",
                "about:blank",
                "title",
                TITLE,
                "status",
                HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                "detail",
                DETAIL));
    }

    /** Kept apart from the templates on purpose: it must render when nothing else can. */
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>系统暂时不可用 · 接诉即办</title><link rel="stylesheet" href="/css/jiesu.css"></head>
            <body><main class="narrow error-page">
            <p class="error-code">503</p>
            <h1>系统暂时不可用</h1>
            <p class="error-message">数据库正在恢复，刚才的操作没有保存。请稍等几秒后再试。如果一直这样，请拨打 12345 热线反映。</p>
            <p class="actions"><a class="button" href="javascript:location.reload()">重试</a></p>
            </main></body>
            </html>
            """;
}
