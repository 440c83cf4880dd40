package org.jiesu.open311;

import static org.jiesu.open311.Open311Body.fields;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jiesu.dispatch.HistoryEntry;
import org.jiesu.dispatch.Order;
import org.jiesu.dispatch.OrderRole;
import org.jiesu.dispatch.OrderState;
import org.jiesu.dispatch.Orders;
import org.jiesu.intake.Channel;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.intake.RequestStatus;
import org.jiesu.intake.RequestType;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.intake.Urgency;
import org.jiesu.platform.FixedWindowLimit;
import org.jiesu.platform.JiesuException;
import org.jiesu.platform.LagTolerant;
import org.jiesu.security.Actor;
import org.jiesu.security.Role;
import org.jiesu.units.Category;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2). The path suffix decides the format, whatever the
 * {@code Accept} header says. Filing needs an API key; reading is public and never shows contact details, and of a
 * confidential request shows only where it stands.
 */
@RestController
@RequestMapping("/open311")
@Tag(name = "Open311", description = "GeoReport v2, in XML and JSON")
class Open311Api {

    static final int MAX_DESCRIPTION = 4000;
    static final Duration MAX_WINDOW = Duration.ofDays(90);
    static final int MAX_COUNT = 1000;
    private static final Pattern HTML = Pattern.compile("<\\s*[a-zA-Z!/?]");
    private static final Set<String> ATTRIBUTES = Set.of("request_type", "urgency", "confidential");

    private final UnitDirectory units;
    private final Intake intake;
    private final Orders orders;
    private final ApiKeys keys;
    private final Tokens tokens;
    private final Clock clock;
    private final ZoneId zone;
    private final String jurisdiction;
    private final String baseUrl;
    private final FixedWindowLimit perClient;
    private final int clientLimit;

    Open311Api(
            UnitDirectory units,
            Intake intake,
            Orders orders,
            ApiKeys keys,
            Tokens tokens,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone,
            @Value("${jiesu.open311.jurisdiction-id:jiesu}") String jurisdiction,
            @Value("${jiesu.open311.base-url:http://localhost:8080/open311/v2}") String baseUrl,
            @Value("${jiesu.open311.client-window:PT1M}") Duration clientWindow,
            @Value("${jiesu.open311.client-limit:60}") int clientLimit) {
        this.units = units;
        this.intake = intake;
        this.orders = orders;
        this.keys = keys;
        this.tokens = tokens;
        this.clock = clock;
        this.zone = zone;
        this.jurisdiction = jurisdiction;
        this.baseUrl = baseUrl;
        this.perClient = new FixedWindowLimit(clock, clientWindow);
        this.clientLimit = clientLimit;
    }

    // ------------------------------------------------------------------------------------------------- discovery

    @GetMapping("/discovery.{format}")
    @Operation(summary = "Where the GeoReport v2 endpoint is and what it speaks")
    ResponseEntity<String> discovery(@PathVariable String format) {
        Open311Body.Format f = Open311Body.Format.of(format);
        var endpoint = fields(
                "specification", "http://wiki.open311.org/GeoReport_v2",
                "url", baseUrl,
                "changeset", "2026-11-23T00:00:00+08:00",
                "type", "production",
                "formats", new Open311Body.Items("format", List.of("text/xml", "application/json")));
        var body = fields(
                "changeset", "2026-11-23T00:00:00+08:00",
                "contact", "The prefecture's 12345 hotline",
                "key_service", "Ask the administrator of this Jiesu installation for an API key.",
                "endpoints", new Open311Body.Items("endpoint", List.of(endpoint)));
        return answer(f, 200, Open311Body.single("discovery", body));
    }

    // -------------------------------------------------------------------------------------------------- services

    @GetMapping("/v2/services.{format}")
    @Operation(summary = "The services (categories) requests can be filed under")
    ResponseEntity<String> services(
            @PathVariable String format, @RequestParam(name = "jurisdiction_id", required = false) String j) {
        Open311Body.Format f = Open311Body.Format.of(format);
        checkJurisdiction(j);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Category c : services()) {
            list.add(fields(
                    "service_code", c.code(),
                    "service_name", c.name(),
                    "description", c.name() + "（" + limitText(c) + "）",
                    "metadata", true,
                    "type", "realtime",
                    "keywords", c.name(),
                    "group", group(c)));
        }
        return answer(f, 200, Open311Body.list("services", "service", list));
    }

    @GetMapping("/v2/services/{code}.{format}")
    @Operation(summary = "A service's definition: the attributes a request of it may carry")
    ResponseEntity<String> definition(
            @PathVariable String code,
            @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String j) {
        Open311Body.Format f = Open311Body.Format.of(format);
        checkJurisdiction(j);
        Category c = service(code).orElseThrow(() -> new Open311Error(404, "There is no service '" + code + "'."));
        List<Map<String, Object>> attributes = List.of(
                attribute(
                        "request_type",
                        1,
                        "What kind of request this is (诉求类型); help if not given.",
                        Arrays.stream(RequestType.values()).map(Enum::name).toList()),
                attribute(
                        "urgency",
                        2,
                        "Whether it is an emergency (紧急程度); normal if not given.",
                        Arrays.stream(Urgency.values()).map(Enum::name).toList()),
                attribute(
                        "confidential",
                        3,
                        "Keep the description and place off every public view (保密).",
                        List.of("false", "true")));
        return answer(
                f,
                200,
                Open311Body.single(
                        "service_definition",
                        fields(
                                "service_code",
                                c.code(),
                                "attributes",
                                new Open311Body.Items("attribute", attributes))));
    }

    private static Map<String, Object> attribute(String code, int order, String description, List<String> values) {
        return fields(
                "variable",
                true,
                "code",
                code,
                "datatype",
                "singlevaluelist",
                "required",
                false,
                "datatype_description",
                "One of the listed keys.",
                "order",
                order,
                "description",
                description,
                "values",
                new Open311Body.Items(
                        "value",
                        values.stream()
                                .map(v -> fields("key", v, "name", v.toLowerCase()))
                                .toList()));
    }

    // -------------------------------------------------------------------------------------------------- requests

    @PostMapping(value = "/v2/requests.{format}", consumes = "application/x-www-form-urlencoded")
    @Operation(summary = "File a request (api_key required)")
    ResponseEntity<String> file(
            @PathVariable String format,
            @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
        Open311Body.Format f = Open311Body.Format.of(format);
        checkJurisdiction(form.getFirst("jurisdiction_id"));
        ApiKeys.Client client = keys.clientFor(form.getFirst("api_key"))
                .orElseThrow(() -> new Open311Error(403, "api_key was not provided or is not valid."));
        long wait = perClient.admit("client:" + client.id(), clientLimit);
        if (wait > 0) {
            throw new Open311Error(429, "Too many requests from this client: try again in " + wait + " seconds.");
        }
        String code = form.getFirst("service_code");
        if (code == null || code.isBlank()) {
            throw new Open311Error(400, "service_code is required.");
        }
        Category service =
                service(code.strip()).orElseThrow(() -> new Open311Error(400, "There is no service '" + code + "'."));
        Double lat = number(form.getFirst("lat"), "lat", -90, 90);
        Double lon = number(form.getFirst("long"), "long", -180, 180);
        if ((lat == null) != (lon == null)) {
            throw new Open311Error(400, "Give both lat and long, or neither.");
        }
        String address = blankToNull(form.getFirst("address_string"));
        Long community = addressId(form.getFirst("address_id"));
        if (lat == null && address == null && community == null) {
            throw new Open311Error(400, "A location is required: lat and long, address_string or address_id.");
        }
        if (address != null && address.length() > 200) {
            throw new Open311Error(400, "address_string: at most 200 characters.");
        }
        String description = blankToNull(form.getFirst("description"));
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new Open311Error(400, "description: at most " + MAX_DESCRIPTION + " characters.");
        }
        if (description != null && description.length() > NewRequest.MAX_TEXT) {
            throw new Open311Error(
                    400,
                    "description: this jurisdiction takes at most " + NewRequest.MAX_TEXT + " characters (got "
                            + description.length() + ").");
        }
        if (description != null && HTML.matcher(description).find()) {
            throw new Open311Error(400, "description: plain text only, no HTML.");
        }
        Map<String, String> attributes = attributes(form);
        String name = joinName(form.getFirst("first_name"), form.getFirst("last_name"));
        NewRequest request = new NewRequest(
                Channel.API,
                enumValue(RequestType.class, attributes.get("request_type"), "request_type"),
                description == null ? service.name() : description,
                service.code(),
                enumValue(Urgency.class, attributes.get("urgency"), "urgency"),
                lat,
                lon,
                community,
                address,
                name,
                blankToNull(form.getFirst("phone")),
                "true".equals(attributes.get("confidential")));
        Actor actor = new Actor("open311:" + client.name(), client.name(), Role.RESIDENT, null);
        // The request and its token are written together, or neither is.
        Tokens.Filed filed = tokens.file(request, actor, client.id(), idempotencyKey(key), fingerprint(form));
        ResidentRequest saved = filed.request();
        String token = filed.token();
        return answer(
                f,
                201,
                Open311Body.list(
                        "service_requests",
                        "request",
                        List.of(fields(
                                "service_request_id",
                                String.valueOf(saved.id()),
                                "token",
                                token,
                                "service_notice",
                                "Received; tracking code " + saved.trackingCode() + ".",
                                "account_id",
                                blankToNull(form.getFirst("account_id"))))));
    }

    @GetMapping("/v2/tokens/{token}.{format}")
    @Operation(summary = "Which request a token became")
    ResponseEntity<String> token(
            @PathVariable String token,
            @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String j) {
        Open311Body.Format f = Open311Body.Format.of(format);
        checkJurisdiction(j);
        long requestId =
                tokens.requestOf(token).orElseThrow(() -> new Open311Error(404, "There is no token '" + token + "'."));
        return answer(
                f,
                200,
                Open311Body.list(
                        "service_requests",
                        "request",
                        List.of(fields("service_request_id", String.valueOf(requestId), "token", token))));
    }

    @LagTolerant
    @GetMapping("/v2/requests/{id}.{format}")
    @Operation(summary = "One request, as the public sees it")
    ResponseEntity<String> one(
            @PathVariable String id,
            @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String j,
            @RequestParam(defaultValue = "false") boolean extensions) {
        Open311Body.Format f = Open311Body.Format.of(format);
        checkJurisdiction(j);
        ResidentRequest r = requestOf(id).orElseThrow(() -> new Open311Error(404, "There is no request '" + id + "'."));
        return answer(
                f,
                200,
                Open311Body.list("service_requests", "request", List.of(view(r, extensions, facts(List.of(r))))));
    }

    @LagTolerant
    @GetMapping("/v2/requests.{format}")
    @Operation(summary = "Requests, newest first: by ids, or by service, date window (at most 90 days) and status")
    ResponseEntity<String> list(
            @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String j,
            @RequestParam(name = "service_request_id", required = false) String ids,
            @RequestParam(name = "service_code", required = false) String serviceCodes,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String page,
            @RequestParam(name = "page_size", required = false) String pageSize,
            @RequestParam(defaultValue = "false") boolean extensions) {
        Open311Body.Format f = Open311Body.Format.of(format);
        checkJurisdiction(j);
        List<ResidentRequest> found;
        if (ids != null && !ids.isBlank()) {
            // The spec: a list of ids overrides every other filter.
            found = Arrays.stream(ids.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .distinct()
                    .limit(MAX_COUNT)
                    .map(this::requestOf)
                    .flatMap(Optional::stream)
                    .toList();
        } else {
            Instant to = end == null ? Instant.now(clock) : date(end, "end_date");
            Instant from = start == null ? to.minus(MAX_WINDOW) : date(start, "start_date");
            if (!from.isBefore(to)) {
                throw new Open311Error(400, "start_date must come before end_date.");
            }
            if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
                throw new Open311Error(400, "The window from start_date to end_date may span at most 90 days.");
            }
            Set<String> statuses = statuses(status);
            Set<String> codes = serviceCodes == null || serviceCodes.isBlank() ? null : serviceCodes(serviceCodes);
            int size = positive(pageSize, "page_size", MAX_COUNT, MAX_COUNT);
            int number = positive(page, "page", 1, Integer.MAX_VALUE);
            int offset = (number - 1) * size;
            found = new ArrayList<>();
            if (statuses.containsAll(Set.of("open", "closed"))) {
                found = intake.receivedBetween(from, to, codes, size, offset);
            } else {
                // Status is known per request, not in SQL: read ahead in batches until the page is full, with the
                // orders of a whole batch in one read.
                int skipped = 0;
                int batchOffset = 0;
                while (found.size() < size) {
                    List<ResidentRequest> batch = intake.receivedBetween(from, to, codes, 500, batchOffset);
                    Map<Long, List<Order>> ordersOf = orders.forRequests(
                            batch.stream().map(ResidentRequest::id).toList());
                    for (ResidentRequest r : batch) {
                        if (statuses.contains(publicStatus(r, ordersOf.getOrDefault(r.id(), List.of())))) {
                            if (skipped < offset) {
                                skipped++;
                            } else if (found.size() < size) {
                                found.add(r);
                            }
                        }
                    }
                    if (batch.size() < 500) {
                        break;
                    }
                    batchOffset += 500;
                }
            }
        }
        Facts facts = facts(found);
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResidentRequest r : found) {
            out.add(view(r, extensions, facts));
        }
        return answer(f, 200, Open311Body.list("service_requests", "request", out));
    }

    /** Changes to requests in a window (an extension): one entry per step a client can follow. */
    @LagTolerant
    @GetMapping("/v2/servicerequestupdates.{format}")
    @Operation(summary = "Extension: what happened to requests in a window (at most 90 days), oldest first")
    ResponseEntity<String> updates(
            @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String j,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end) {
        Open311Body.Format f = Open311Body.Format.of(format);
        checkJurisdiction(j);
        Instant to = end == null ? Instant.now(clock) : date(end, "end_date");
        Instant from = start == null ? to.minus(Duration.ofDays(1)) : date(start, "start_date");
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new Open311Error(400, "start_date must come before end_date, at most 90 days apart.");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResidentRequest r : intake.receivedBetween(from.minus(MAX_WINDOW), to, null, MAX_COUNT, 0)) {
            for (HistoryEntry h : orders.historyOfRequest(r.id())) {
                if (!h.at().isBefore(from) && h.at().isBefore(to)) {
                    out.add(fields(
                            "update_id", String.valueOf(h.id()),
                            "service_request_id", String.valueOf(r.id()),
                            "status", h.to() == OrderState.CLOSED ? "closed" : "open",
                            "updated_datetime", time(h.at()),
                            "description", h.action().name() + " · " + h.unitName()));
                }
            }
        }
        out.sort(Comparator.comparing(m -> (String) m.get("updated_datetime")));
        return answer(f, 200, Open311Body.list("service_request_updates", "request_update", out));
    }

    // ------------------------------------------------------------------------------------------------ the public view

    /** What the public view of some requests needs from intake and dispatch, read in three statements. */
    private record Facts(Map<Long, List<Order>> orders, Map<Long, Instant> logged, Map<Long, Instant> changed) {

        List<Order> ordersOf(ResidentRequest r) {
            return orders.getOrDefault(r.id(), List.of());
        }

        Instant updated(ResidentRequest r) {
            Instant last = logged.getOrDefault(r.id(), r.receivedAt());
            for (Order o : ordersOf(r)) {
                Instant at = changed.get(o.id());
                if (at != null && at.isAfter(last)) {
                    last = at;
                }
            }
            return last;
        }
    }

    private Facts facts(List<ResidentRequest> requests) {
        List<Long> ids = requests.stream().map(ResidentRequest::id).toList();
        Map<Long, List<Order>> byRequest = orders.forRequests(ids);
        List<Order> all = byRequest.values().stream().flatMap(List::stream).toList();
        return new Facts(byRequest, intake.lastLogged(requests), orders.lastChanges(all));
    }

    private Map<String, Object> view(ResidentRequest r, boolean extensions, Facts facts) {
        List<Order> all = facts.ordersOf(r);
        Optional<Order> lead =
                all.stream().filter(o -> o.role() == OrderRole.LEAD).max(Comparator.comparing(Order::id));
        Category category = r.categoryCode() == null
                ? null
                : units.findCategory(r.categoryCode()).orElse(null);
        boolean hidden = r.confidential();
        Instant updated = facts.updated(r);
        Map<String, Object> view = fields(
                "service_request_id", String.valueOf(r.id()),
                "status", publicStatus(r, all),
                "status_notes", statusNotes(r, lead.orElse(null)),
                "service_name", category == null ? null : category.name(),
                "service_code", r.categoryCode(),
                "description", hidden ? null : r.text(),
                "agency_responsible", lead.map(Order::unitName).orElse(null),
                "service_notice", hidden ? "Confidential at the resident's request: only the status is public." : null,
                "requested_datetime", time(r.receivedAt()),
                "updated_datetime", time(updated),
                "expected_datetime",
                        lead.filter(o -> !o.state().terminal())
                                .map(o -> time(o.replyDeadline()))
                                .orElse(null),
                "address", hidden ? null : r.address(),
                "address_id", hidden || r.communityId() == null ? null : String.valueOf(r.communityId()),
                "lat", hidden ? null : r.latitude(),
                "long", hidden ? null : r.longitude());
        if (extensions) {
            Map<String, Object> extended = new LinkedHashMap<>();
            extended.put("channel", r.channel().name());
            extended.put("request_type", r.type().name());
            extended.put("urgency", r.urgency().name());
            lead.ifPresent(o -> extended.put("order_state", o.state().name()));
            view.put("extended_attributes", extended);
        }
        return view;
    }

    private static String publicStatus(ResidentRequest r, List<Order> all) {
        if (r.status() == RequestStatus.ANSWERED) {
            return "closed";
        }
        if (r.status() == RequestStatus.RECEIVED) {
            return "open";
        }
        boolean open = all.stream()
                .anyMatch(o -> o.role() == OrderRole.LEAD && !o.state().terminal());
        return !open && all.stream().anyMatch(o -> o.state() == OrderState.CLOSED) ? "closed" : "open";
    }

    private static String statusNotes(ResidentRequest r, @Nullable Order lead) {
        if (r.status() == RequestStatus.ANSWERED) {
            return "Answered by the hotline.";
        }
        if (lead == null) {
            return "Received; waiting to be dispatched.";
        }
        return switch (lead.state()) {
            case DISPATCHED -> "Dispatched to " + lead.unitName() + "; waiting to be signed for.";
            case SIGNED, RETURN_REQUESTED -> "Being handled by " + lead.unitName() + ".";
            case REPLIED -> lead.unitName() + " has replied; the hotline will call back.";
            case CLOSED -> "Closed after " + lead.unitName() + "'s reply.";
            default -> "Handed on: " + lead.state().name().toLowerCase() + ".";
        };
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** Services are the categories a request is filed under: those with no narrower category below them. */
    private List<Category> services() {
        List<Category> all = units.categories();
        Set<String> parents = new LinkedHashSet<>();
        all.forEach(c -> {
            if (c.parentCode() != null) {
                parents.add(c.parentCode());
            }
        });
        return all.stream()
                .filter(c -> !parents.contains(c.code()))
                .sorted(Comparator.comparing(Category::code))
                .toList();
    }

    private Optional<Category> service(String code) {
        return services().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    private String group(Category c) {
        return c.parentCode() == null
                ? c.name()
                : units.findCategory(c.parentCode()).map(Category::name).orElse(c.name());
    }

    private static String limitText(Category c) {
        return switch (c.limitClass()) {
            case EMERGENCY -> "紧急类，2小时内办理";
            case UTILITY -> "公共服务类，24小时内办理";
            case ORDINARY -> "一般类，7个工作日内办理";
            case COMPLEX -> "复杂类，15个工作日内办理";
        };
    }

    private Optional<ResidentRequest> requestOf(String id) {
        try {
            return intake.find(Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void checkJurisdiction(@Nullable String asked) {
        if (asked != null && !asked.isBlank() && !asked.strip().equals(jurisdiction)) {
            throw new Open311Error(
                    404, "There is no jurisdiction '" + asked + "' here; this one is '" + jurisdiction + "'.");
        }
    }

    private String time(Instant at) {
        return Open311Times.format(at, zone);
    }

    private static Instant date(String text, String name) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new Open311Error(
                    400,
                    name + ": '" + text + "' is not a date and time with a time zone, such as "
                            + "2026-11-01T00:00:00+08:00.");
        }
    }

    private static Set<String> statuses(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return Set.of("open", "closed");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : status.split(",")) {
            String clean = s.strip().toLowerCase();
            if (!clean.equals("open") && !clean.equals("closed")) {
                throw new Open311Error(400, "status: '" + s.strip() + "' is neither open nor closed.");
            }
            out.add(clean);
        }
        return out;
    }

    private Set<String> serviceCodes(String codes) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : codes.split(",")) {
            String clean = c.strip();
            if (service(clean).isEmpty()) {
                throw new Open311Error(404, "There is no service '" + clean + "'.");
            }
            out.add(clean);
        }
        return out;
    }

    private static int positive(@Nullable String value, String name, int otherwise, int max) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1 || n > max) {
                throw new Open311Error(400, name + ": must be between 1 and " + max + ".");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Open311Error(400, name + ": '" + value + "' is not a whole number.");
        }
    }

    private static @Nullable Double number(@Nullable String value, String name, double min, double max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (Double.isNaN(d) || d < min || d > max) {
                throw new Open311Error(400, name + ": must lie within " + (int) min + ".." + (int) max + ".");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Open311Error(400, name + ": '" + value + "' is not a number.");
        }
    }

    private @Nullable Long addressId(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            Optional<Unit> unit = units.find(id).filter(u -> u.kind().territorial());
            if (unit.isEmpty()) {
                throw new Open311Error(400, "address_id: there is no community or village " + value + ".");
            }
            return id;
        } catch (NumberFormatException e) {
            throw new Open311Error(400, "address_id: '" + value + "' is not the id of a community or village.");
        }
    }

    /** {@code attribute[code]} and {@code attribute[code][]}; every code must be one the definition names. */
    private static Map<String, String> attributes(MultiValueMap<String, String> form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : form.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("attribute[")) {
                continue;
            }
            String code = key.substring("attribute[".length(), key.indexOf(']') < 0 ? key.length() : key.indexOf(']'));
            if (!ATTRIBUTES.contains(code)) {
                throw new Open311Error(400, "attribute[" + code + "]: the service definition has no such attribute.");
            }
            if (key.endsWith("[]") || e.getValue().size() > 1) {
                throw new Open311Error(400, "attribute[" + code + "]: takes a single value.");
            }
            out.put(code, e.getValue().get(0).strip());
        }
        String confidential = out.get("confidential");
        if (confidential != null && !confidential.equals("true") && !confidential.equals("false")) {
            throw new Open311Error(400, "attribute[confidential]: true or false.");
        }
        return out;
    }

    private static <E extends Enum<E>> @Nullable E enumValue(Class<E> type, @Nullable String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new Open311Error(400, "attribute[" + name + "]: '" + value + "' is not one of the listed keys.");
        }
    }

    private static @Nullable String idempotencyKey(@Nullable String key) {
        if (key == null) {
            return null;
        }
        String k = key.strip();
        if (k.isEmpty() || k.length() > 200 || !k.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new Open311Error(400, "Idempotency-Key: 1 to 200 visible ASCII characters, new for each request.");
        }
        return k;
    }

    /** The form as filed, in a stable order, so that a retry can be told from a different request. */
    private static String fingerprint(MultiValueMap<String, String> form) {
        StringBuilder all = new StringBuilder();
        new java.util.TreeMap<>(form)
                .forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable String joinName(@Nullable String first, @Nullable String last) {
        String name = ((last == null ? "" : last.strip()) + (first == null ? "" : first.strip())).strip();
        return name.isEmpty() ? null : name;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ResponseEntity<String> answer(Open311Body.Format f, int status, Open311Body body) {
        return ResponseEntity.status(status)
                .header("Content-Type", f.contentType)
                .body(body.render(f));
    }

    // ----------------------------------------------------------------------------------------------------- errors

    @ExceptionHandler(Open311Error.class)
    ResponseEntity<String> error(Open311Error e, HttpServletRequest request) {
        return errors(request, e.status, e.getMessage());
    }

    @ExceptionHandler(JiesuException.class)
    ResponseEntity<String> error(JiesuException e, HttpServletRequest request) {
        int status = e.status().value();
        return errors(request, status == 404 || status == 403 ? status : 400, e.getMessage());
    }

    @ExceptionHandler({
        org.springframework.web.bind.MissingServletRequestParameterException.class,
        org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
        org.springframework.web.HttpMediaTypeNotSupportedException.class
    })
    ResponseEntity<String> badRequest(Exception e, HttpServletRequest request) {
        return errors(request, 400, e.getMessage());
    }

    private static ResponseEntity<String> errors(HttpServletRequest request, int status, String description) {
        Open311Body.Format f =
                request.getRequestURI().endsWith(".json") ? Open311Body.Format.JSON : Open311Body.Format.XML;
        var builder = ResponseEntity.status(status).header("Content-Type", f.contentType);
        if (status == 429) {
            builder.header("Retry-After", "60");
        }
        return builder.body(
                Open311Body.list("errors", "error", List.of(fields("code", status, "description", description)))
                        .render(f));
    }
}
