package org.jiesu.dispatch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jiesu.platform.JiesuException;
import org.jiesu.platform.UploadedText;
import org.jiesu.security.Actors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Time limits", description = "Time limits and the working calendar, kept as data by administrators")
class TimeLimitApi {

    /** A change of one time limit; the reason is kept in the history. */
    record RuleChange(
            @Nullable Integer amount,
            @Nullable String unit,
            @Nullable String reason) {}

    private final TimeLimits limits;
    private final Actors actors;

    TimeLimitApi(TimeLimits limits, Actors actors) {
        this.limits = limits;
        this.actors = actors;
    }

    @GetMapping("/time-rules")
    @Operation(summary = "The time limits in force")
    List<TimeRuleView> rules() {
        return limits.rules();
    }

    @PutMapping("/time-rules/{name}")
    @Operation(summary = "Change a time limit (administrators; a reason is required and kept in the history)")
    TimeRuleView change(@PathVariable String name, @RequestBody(required = false) @Nullable RuleChange change) {
        if (change == null) {
            throw JiesuException.invalid("Send amount, unit and reason as JSON.");
        }
        return limits.change(name, change.amount(), change.unit(), change.reason(), actors.current());
    }

    @GetMapping("/time-rules/history")
    @Operation(summary = "Every change of a time limit, newest first")
    List<TimeRuleChange> history() {
        return limits.history();
    }

    @GetMapping("/calendar")
    @Operation(summary = "The special days of a year: public holidays and make-up working days")
    List<CalendarDay> calendar(@RequestParam int year) {
        return limits.days(year(year));
    }

    @GetMapping(value = "/calendar/export", produces = "text/csv")
    @Operation(summary = "The special days of a year as a calendar file (CSV)")
    ResponseEntity<String> export(@RequestParam int year) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"calendar-" + year + ".csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(limits.export(year(year)));
    }

    @PostMapping(
            value = "/calendar/import",
            consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @Operation(
            summary = "Import a calendar file (administrators): replaces the special days of every year it covers",
            description = "UTF-8 CSV: header 'date,kind,name', then one line per day; kind is HOLIDAY or WORKDAY"
                    + " (a WORKDAY only on a Saturday or Sunday); lines starting with # are comments.")
    TimeLimits.Imported importFile(@RequestBody(required = false) byte @Nullable [] file) {
        // Bytes, not a String: a spreadsheet or image sent as text/csv is named for what it is, and text in another
        // encoding than UTF-8 is refused instead of turning into mojibake holiday names.
        return limits.importFile(UploadedText.decode(file, "a calendar CSV file"), actors.current());
    }

    private static int year(int year) {
        if (year < 1949 || year > 2200) {
            throw JiesuException.invalid("year: '" + year + "' is not a year this calendar can hold.");
        }
        return year;
    }
}
