package org.jiesu.community;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jiesu.intake.Intake;
import org.jiesu.notification.Notifier;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "You pick, we test" (你点我检) polls: the market supervision unit (a department; administrators too) opens a poll
 * of goods to sample, residents vote once each by a phone number checked with a texted code or by a one-time paper
 * code, everyone sees the counts, and after closing the unit publishes what its inspection found per option. A phone
 * is kept only as a keyed hash scoped to the poll, apart from the counts, so no vote can be traced to a number.
 */
@Service
@Transactional(readOnly = true)
public class Polls {

    static final int MAX_OPTIONS = 20;
    static final int MAX_CODES = 500;
    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int PAPER_CODE_LENGTH = 8;

    private final JdbcClient jdbc;
    private final Actors actors;
    private final UnitDirectory units;
    private final Intake intake;
    private final Notifier notifier;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration codeLife;
    private final int maxTries;
    private final int maxTextsPerHour;
    private final TransactionTemplate separately;
    private final SecureRandom random = new SecureRandom();

    Polls(
            JdbcClient jdbc,
            Actors actors,
            UnitDirectory units,
            Intake intake,
            Notifier notifier,
            Clock clock,
            PlatformTransactionManager transactions,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone,
            @Value("${jiesu.polls.code-life:PT5M}") Duration codeLife,
            @Value("${jiesu.polls.code-tries:5}") int maxTries,
            @Value("${jiesu.polls.texts-per-hour:3}") int maxTextsPerHour) {
        this.jdbc = jdbc;
        this.actors = actors;
        this.units = units;
        this.intake = intake;
        this.notifier = notifier;
        this.clock = clock;
        this.zone = zone;
        this.codeLife = codeLife;
        this.maxTries = maxTries;
        this.maxTextsPerHour = maxTextsPerHour;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** A new poll as typed into the form: text as it came, so a refused form shows it again. */
    public record Draft(String title, String description, String opensAt, String closesAt, String options) {

        public static Draft empty() {
            return new Draft("", "", "", "", "");
        }

        List<String> optionLabels() {
            return options.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    public enum Status {
        UPCOMING,
        OPEN,
        CLOSED
    }

    public record Poll(
            long id,
            long unitId,
            String unitName,
            String title,
            String description,
            Instant opensAt,
            Instant closesAt,
            @Nullable Instant publishedAt,
            Status status) {

        public boolean open() {
            return status == Status.OPEN;
        }

        public boolean closed() {
            return status == Status.CLOSED;
        }

        public boolean published() {
            return publishedAt != null;
        }
    }

    public record Option(
            long id,
            String label,
            int votes,
            @Nullable Integer samples,
            @Nullable Integer passed,
            @Nullable Integer failed,
            @Nullable String note) {}

    /** The live count of a poll: options in their order with their votes and shares of the total. */
    public record Tally(int total, List<Share> shares) {}

    public record Share(long optionId, String label, int votes, int percent) {}

    /** One option's inspection result as typed. */
    public record Finding(long optionId, String samples, String passed, String failed, String note) {}

    // ---- staff ----

    /** Whether this actor may open polls: administrators and the staff of a functional department. */
    public boolean mayOpen(Actor actor) {
        if (actor.is(Role.ADMIN)) {
            return true;
        }
        return actor.role().staff()
                && actor.unitId() != null
                && units.unit(actor.unitId()).kind() == UnitKind.DEPARTMENT;
    }

    private void requireOpener(Actor actor) {
        if (!mayOpen(actor)) {
            throw JiesuException.forbidden("Only administrators and the staff of a functional department (market"
                    + " supervision) open polls.");
        }
    }

    private void requireManager(Actor actor, Poll poll) {
        requireOpener(actor);
        if (!actor.is(Role.ADMIN)) {
            actors.requireScope(actor, poll.unitId());
        }
    }

    @Transactional
    public long open(Draft draft) {
        Actor actor = actors.current();
        requireOpener(actor);
        List<InputProblem> problems = new ArrayList<>();
        String title = draft.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            problems.add(
                    InputProblem.of("title", "polls.error.title", "Give the poll a title of 1 to 200 characters."));
        }
        if (draft.description().strip().length() > 4000) {
            problems.add(InputProblem.of(
                    "description", "polls.error.description", "The description is longer than 4000 characters."));
        }
        Instant opens = instant(draft.opensAt(), "opensAt", problems);
        Instant closes = instant(draft.closesAt(), "closesAt", problems);
        if (opens != null && closes != null && !closes.isAfter(opens)) {
            problems.add(
                    InputProblem.of("closesAt", "polls.error.window", "The voting window must close after it opens."));
        }
        if (closes != null && !closes.isAfter(Instant.now(clock))) {
            problems.add(
                    InputProblem.of("closesAt", "polls.error.past", "The voting window must close in the future."));
        }
        List<String> labels = draft.optionLabels();
        if (labels.size() < 2) {
            problems.add(InputProblem.of(
                    "options", "polls.error.fewOptions", "Give at least two options, one a line.", labels.size()));
        } else if (labels.size() > MAX_OPTIONS) {
            problems.add(
                    InputProblem.of("options", "polls.error.manyOptions", "Give at most 20 options.", MAX_OPTIONS));
        }
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (String label : labels) {
            if (!seen.add(label) && !duplicates.contains(label)) {
                duplicates.add(label);
            }
            if (label.length() > 100) {
                problems.add(InputProblem.of(
                        "options", "polls.error.longOption", "An option is longer than 100 characters.", label));
            }
        }
        if (!duplicates.isEmpty()) {
            problems.add(InputProblem.of(
                    "options",
                    "polls.error.duplicate",
                    "Each option may appear once; repeated: " + String.join(", ", duplicates),
                    String.join("、", duplicates)));
        }
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        long unitId = actor.unitId() != null
                ? actor.unitId()
                : units.units().get(0).id(); // the system actor files under the top of the tree
        Instant now = Instant.now(clock);
        long id = jdbc.sql("""
                        insert into poll (unit_id, title, description, opens_at, closes_at, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        unitId,
                        title,
                        draft.description().strip(),
                        Timestamp.from(opens),
                        Timestamp.from(closes),
                        actor.username(),
                        Timestamp.from(now))
                .query(Long.class)
                .single();
        int position = 0;
        for (String label : labels) {
            jdbc.sql("insert into poll_option (poll_id, position, label) values (?, ?, ?)")
                    .params(id, position++, label)
                    .update();
        }
        return id;
    }

    private @Nullable Instant instant(String typed, String field, List<InputProblem> problems) {
        String s = typed.strip();
        if (s.isEmpty()) {
            problems.add(InputProblem.of(field, "polls.error.time", "Give a date and time (yyyy-MM-ddTHH:mm)."));
            return null;
        }
        try {
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(InputProblem.of(field, "polls.error.time", "Give a date and time (yyyy-MM-ddTHH:mm)."));
            return null;
        }
    }

    /** Refuses, before a form is shown, anyone who could not send it. */
    public void requireOpenerNow() {
        requireOpener(actors.current());
    }

    /** A poll for its managers' page: refused to staff of other units. */
    public Poll managedPoll(long id) {
        Poll poll = poll(id);
        requireManager(actors.current(), poll);
        return poll;
    }

    /** Polls the actor's unit manages, newest first; all of them for an administrator. */
    public List<Poll> managed() {
        Actor actor = actors.current();
        requireOpener(actor);
        return list().stream()
                .filter(p -> actor.is(Role.ADMIN) || actors.mayActFor(actor, p.unitId()))
                .toList();
    }

    /** Generates one-time codes for paper ballots; they are shown to staff to print. */
    @Transactional
    public List<String> generateCodes(long pollId, String count) {
        Poll poll = poll(pollId);
        requireManager(actors.current(), poll);
        int n;
        try {
            n = Integer.parseInt(count.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > MAX_CODES) {
            throw new InputRefusal(List.of(InputProblem.of(
                    "count", "polls.error.codeCount", "Generate between 1 and 500 codes at a time.", MAX_CODES)));
        }
        if (poll.closed()) {
            throw new InputRefusal(
                    HttpStatus.CONFLICT,
                    List.of(InputProblem.of("count", "polls.error.closed", "This poll is closed: voting has ended.")));
        }
        Instant now = Instant.now(clock);
        List<String> codes = new ArrayList<>();
        while (codes.size() < n) {
            String code = paperCode();
            int added = jdbc.sql("""
                            insert into poll_code (poll_id, code, created_at) values (?, ?, ?)
                            on conflict (code) do nothing""").params(pollId, code, Timestamp.from(now)).update();
            if (added == 1) {
                codes.add(code);
            }
        }
        return codes;
    }

    /** Codes not used yet, for printing again. */
    public List<String> unusedCodes(long pollId) {
        requireManager(actors.current(), poll(pollId));
        return jdbc.sql("select code from poll_code where poll_id = ? and used_at is null order by id")
                .param(pollId)
                .query(String.class)
                .list();
    }

    public record CodeCount(int issued, int used) {}

    public CodeCount codeCount(long pollId) {
        return jdbc.sql("select count(*), count(used_at) from poll_code where poll_id = ?")
                .param(pollId)
                .query((rs, row) -> new CodeCount(rs.getInt(1), rs.getInt(2)))
                .single();
    }

    /** Publishes (or corrects) the inspection results, once voting has closed. */
    @Transactional
    public void publish(long pollId, List<Finding> findings) {
        Poll poll = poll(pollId);
        requireManager(actors.current(), poll);
        if (!poll.closed()) {
            throw new InputRefusal(
                    HttpStatus.CONFLICT,
                    List.of(InputProblem.of(
                            "findings", "polls.error.notClosed", "Results can be published once voting has closed.")));
        }
        List<Option> options = options(pollId);
        List<InputProblem> problems = new ArrayList<>();
        List<int[]> numbers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Option option : options) {
            Finding f = findings.stream()
                    .filter(x -> x.optionId() == option.id())
                    .findFirst()
                    .orElse(new Finding(option.id(), "", "", "", ""));
            Integer samples = count(f.samples());
            Integer passed = count(f.passed());
            Integer failed = count(f.failed());
            if (samples == null || passed == null || failed == null) {
                problems.add(InputProblem.of(
                        "option-" + option.id(),
                        "polls.error.numbers",
                        option.label() + ": give samples, passed and failed as whole numbers, 0 or more.",
                        option.label()));
            } else if (passed + failed > samples) {
                problems.add(InputProblem.of(
                        "option-" + option.id(),
                        "polls.error.sum",
                        option.label() + ": passed and failed together exceed the samples taken.",
                        option.label()));
            }
            String note = f.note().strip();
            if (note.length() > 1000) {
                problems.add(InputProblem.of(
                        "option-" + option.id(),
                        "polls.error.note",
                        option.label() + ": the note is longer than 1000 characters.",
                        option.label()));
            }
            numbers.add(
                    new int[] {samples == null ? 0 : samples, passed == null ? 0 : passed, failed == null ? 0 : failed
                    });
            notes.add(note);
        }
        if (!problems.isEmpty()) {
            throw new InputRefusal(problems);
        }
        for (int i = 0; i < options.size(); i++) {
            int[] n = numbers.get(i);
            jdbc.sql(
                            "update poll_option set samples = ?, passed = ?, failed = ?, note = ? where id = ? and poll_id = ?")
                    .params(
                            n[0],
                            n[1],
                            n[2],
                            notes.get(i).isEmpty() ? null : notes.get(i),
                            options.get(i).id(),
                            pollId)
                    .update();
        }
        jdbc.sql("update poll set published_at = ? where id = ?")
                .params(Timestamp.from(Instant.now(clock)), pollId)
                .update();
    }

    private static @Nullable Integer count(String typed) {
        try {
            int n = Integer.parseInt(typed.strip());
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- residents ----

    /** Open polls and those that closed in the last 90 days, open ones first. */
    public List<Poll> publicList() {
        Instant since = Instant.now(clock).minus(Duration.ofDays(90));
        return list().stream()
                .filter(p -> p.status() != Status.UPCOMING && p.closesAt().isAfter(since))
                .sorted((a, b) -> a.open() != b.open()
                        ? (a.open() ? -1 : 1)
                        : b.closesAt().compareTo(a.closesAt()))
                .toList();
    }

    public Poll poll(long id) {
        return find(id).orElseThrow(() -> JiesuException.notFound("No poll " + id + "."));
    }

    /** A poll for the public: one that has not opened yet is not shown. */
    public Poll publicPoll(long id) {
        Poll poll = poll(id);
        if (poll.status() == Status.UPCOMING) {
            throw JiesuException.notFound("No poll " + id + ".");
        }
        return poll;
    }

    public Optional<Poll> find(long id) {
        return jdbc.sql(SELECT_POLL + " where p.id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    private List<Poll> list() {
        return jdbc.sql(SELECT_POLL + " order by p.closes_at desc, p.id desc limit 500")
                .query(this::map)
                .list();
    }

    private static final String SELECT_POLL = """
            select p.id, p.unit_id, u.name, p.title, p.description, p.opens_at, p.closes_at, p.published_at
            from poll p join unit u on u.id = p.unit_id""";

    private Poll map(ResultSet rs, int row) throws SQLException {
        Instant opens = rs.getTimestamp(6).toInstant();
        Instant closes = rs.getTimestamp(7).toInstant();
        Timestamp published = rs.getTimestamp(8);
        Instant now = Instant.now(clock);
        Status status = now.isBefore(opens) ? Status.UPCOMING : now.isBefore(closes) ? Status.OPEN : Status.CLOSED;
        return new Poll(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                opens,
                closes,
                published == null ? null : published.toInstant(),
                status);
    }

    public List<Option> options(long pollId) {
        return jdbc.sql("""
                        select id, label, votes, samples, passed, failed, note
                        from poll_option where poll_id = ? order by position""")
                .param(pollId)
                .query((rs, row) -> new Option(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getObject(4, Integer.class),
                        rs.getObject(5, Integer.class),
                        rs.getObject(6, Integer.class),
                        rs.getString(7)))
                .list();
    }

    public Tally tally(long pollId) {
        List<Option> options = options(pollId);
        int total = options.stream().mapToInt(Option::votes).sum();
        return new Tally(
                total,
                options.stream()
                        .map(o -> new Share(
                                o.id(), o.label(), o.votes(), total == 0 ? 0 : Math.round(100f * o.votes() / total)))
                        .toList());
    }

    /**
     * Texts a verification code to the phone for this poll. Refused when the poll is not open, the number is not a
     * mobile number, the phone has voted already, or too many codes went to it within the hour.
     *
     * @return the id of the check that the code answers
     */
    @Transactional
    public long sendCode(long pollId, String phone) {
        Poll poll = publicPoll(pollId);
        requireOpen(poll, "phone");
        String digits = phone.replaceAll("[\\s-]", "");
        if (!digits.matches("1[3-9][0-9]{9}")) {
            throw new InputRefusal(List.of(InputProblem.of(
                    "phone", "polls.error.phone", "Give an 11-digit mobile phone number, such as 13800138000.")));
        }
        String hash = phoneHash(pollId, digits);
        requireNotVoted(pollId, hash, "phone");
        Instant now = Instant.now(clock);
        int recent = jdbc.sql("""
                        select count(*) from poll_phone_check
                        where poll_id = ? and phone_hash = ? and sent_at > ?""")
                .params(pollId, hash, Timestamp.from(now.minus(Duration.ofHours(1))))
                .query(Integer.class)
                .single();
        if (recent >= maxTextsPerHour) {
            throw new InputRefusal(
                    HttpStatus.CONFLICT,
                    List.of(InputProblem.of(
                            "phone",
                            "polls.error.tooManyTexts",
                            "Too many codes went to this phone within the hour; try again later.")));
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        String salt = HexFormat.of().formatHex(randomBytes());
        long id = jdbc.sql("""
                        insert into poll_phone_check (poll_id, phone_hash, salt, code_hash, sent_at, expires_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        pollId,
                        hash,
                        salt,
                        sha256(salt + code),
                        Timestamp.from(now),
                        Timestamp.from(now.plus(codeLife)))
                .query(Long.class)
                .single();
        notifier.sendText(digits, "【你点我检】您的投票验证码是 " + code + "，" + codeLife.toMinutes() + " 分钟内有效。如非本人操作，请忽略。");
        return id;
    }

    /**
     * Casts a vote checked by a texted code. Every try counts against the check even when it is refused, so a code
     * cannot be guessed; a right code votes once, and the same phone cannot vote in the poll again.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void voteByPhone(long pollId, long checkId, String code, String optionId) {
        Poll poll = publicPoll(pollId);
        requireOpen(poll, "code");
        long option = option(pollId, optionId);
        Instant now = Instant.now(clock);
        // The try is counted in its own transaction first: a refusal below must not undo the count.
        record Check(String phoneHash, String salt, String codeHash, int tries) {}
        Check check = separately.execute(status -> jdbc.sql("""
                        update poll_phone_check set tries = tries + 1
                        where id = ? and poll_id = ? and used_at is null and expires_at > ? and tries < ?
                        returning phone_hash, salt, code_hash, tries""")
                .params(checkId, pollId, Timestamp.from(now), maxTries)
                .query((rs, row) -> new Check(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .optional()
                .orElse(null));
        if (check == null) {
            throw new InputRefusal(List.of(InputProblem.of(
                    "code",
                    "polls.error.codeExpired",
                    "This code has expired, was used or was tried too often: ask for a new one.")));
        }
        String typed = code.strip();
        if (!MessageDigest.isEqual(
                sha256(check.salt() + typed).getBytes(StandardCharsets.UTF_8),
                check.codeHash().getBytes(StandardCharsets.UTF_8))) {
            int left = maxTries - check.tries();
            throw new InputRefusal(List.of(
                    left > 0
                            ? InputProblem.of(
                                    "code",
                                    "polls.error.wrongCode",
                                    "The code is not right; " + left + " tries left.",
                                    left)
                            : InputProblem.of(
                                    "code",
                                    "polls.error.codeExpired",
                                    "This code has expired, was used or was tried too often: ask for a new one.")));
        }
        separately.executeWithoutResult(status -> {
            int used = jdbc.sql("update poll_phone_check set used_at = ? where id = ? and used_at is null")
                    .params(Timestamp.from(now), checkId)
                    .update();
            if (used != 1) {
                throw new InputRefusal(List.of(InputProblem.of(
                        "code",
                        "polls.error.codeExpired",
                        "This code has expired, was used or was tried too often: ask for a new one.")));
            }
            int marked = jdbc.sql("""
                            insert into poll_phone_vote (poll_id, phone_hash) values (?, ?)
                            on conflict do nothing""").params(pollId, check.phoneHash()).update();
            if (marked != 1) {
                throw alreadyVoted("code");
            }
            count(pollId, option);
        });
    }

    /** Casts a vote with a one-time paper code; the code is spent by it. */
    @Transactional
    public void voteByCode(long pollId, String code, String optionId) {
        Poll poll = publicPoll(pollId);
        requireOpen(poll, "paperCode");
        long option = option(pollId, optionId);
        String typed = code.strip().toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
        int used = jdbc.sql("""
                        update poll_code set used_at = ?
                        where poll_id = ? and code = ? and used_at is null""")
                .params(Timestamp.from(Instant.now(clock)), pollId, typed)
                .update();
        if (used != 1) {
            boolean spent = typed.isEmpty()
                    ? false
                    : jdbc.sql("select count(*) from poll_code where poll_id = ? and code = ?")
                                    .params(pollId, typed)
                                    .query(Integer.class)
                                    .single()
                            > 0;
            throw new InputRefusal(List.of(
                    spent
                            ? InputProblem.of("paperCode", "polls.error.codeUsed", "This code has voted already.")
                            : InputProblem.of(
                                    "paperCode",
                                    "polls.error.codeUnknown",
                                    "This is not a code of this poll; check it on the paper.")));
        }
        count(pollId, option);
    }

    private void count(long pollId, long option) {
        jdbc.sql("update poll_option set votes = votes + 1 where id = ? and poll_id = ?")
                .params(option, pollId)
                .update();
    }

    private long option(long pollId, String optionId) {
        long id;
        try {
            id = Long.parseLong(optionId.strip());
        } catch (NumberFormatException e) {
            id = -1;
        }
        long wanted = id;
        if (options(pollId).stream().noneMatch(o -> o.id() == wanted)) {
            throw new InputRefusal(
                    List.of(InputProblem.of("option", "polls.error.option", "Pick one of the options.")));
        }
        return id;
    }

    private void requireOpen(Poll poll, String field) {
        if (!poll.open()) {
            throw new InputRefusal(
                    HttpStatus.CONFLICT,
                    List.of(InputProblem.of(field, "polls.error.closed", "This poll is closed: voting has ended.")));
        }
    }

    private void requireNotVoted(long pollId, String hash, String field) {
        boolean voted = jdbc.sql("select count(*) from poll_phone_vote where poll_id = ? and phone_hash = ?")
                        .params(pollId, hash)
                        .query(Integer.class)
                        .single()
                > 0;
        if (voted) {
            throw alreadyVoted(field);
        }
    }

    private static InputRefusal alreadyVoted(String field) {
        return new InputRefusal(
                HttpStatus.CONFLICT,
                List.of(InputProblem.of(
                        field, "polls.error.voted", "This phone has voted in this poll already: one vote each.")));
    }

    private String phoneHash(long pollId, String digits) {
        return intake.scopedPhoneHash("poll:" + pollId, digits);
    }

    private String paperCode() {
        StringBuilder s = new StringBuilder(PAPER_CODE_LENGTH);
        for (int i = 0; i < PAPER_CODE_LENGTH; i++) {
            s.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return s.toString();
    }

    private byte[] randomBytes() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return b;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
