package org.jiesu.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.jiesu.TestClock;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.platform.JiesuException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * "You pick, we test" polls on the demo prefecture and real PostgreSQL: a department opens polls and bad ones are
 * refused with nothing written; a phone votes once, checked by a texted code that is tried a limited number of
 * times; paper codes vote once each; a closed poll takes no votes and then carries the published results; the pages
 * answer residents and staff, and no phone number is stored.
 */
@JiesuTest
class PollsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final AtomicLong PHONES = new AtomicLong(System.nanoTime() % 100_000_000L);
    private static final Pattern CODE = Pattern.compile("验证码是 (\\d{6})");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Polls polls;

    @Autowired
    TestClock clock;

    @Autowired
    UserDetailsService users;

    @AfterEach
    void reset() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aPollWithOneOptionDuplicateOptionsOrAWindowEndingBeforeItStartsIsRefusedAndNothingIsWritten() {
        signIn("housing");
        long before = count("poll") + count("poll_option");

        assertThatThrownBy(() -> polls.open(draft("散装食品抽检", "散装白酒", 2)))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.fewOptions"));
        assertThatThrownBy(() -> polls.open(draft("散装食品抽检", "散装白酒\n鲜鸡蛋\n 散装白酒 ", 2)))
                .isInstanceOfSatisfying(InputRefusal.class, e -> {
                    assertThat(keys(e)).containsExactly("polls.error.duplicate");
                    assertThat(e.inputProblems().get(0).args()).containsExactly("散装白酒");
                });
        Polls.Draft backwards =
                new Polls.Draft("散装食品抽检", "", local(Duration.ofHours(5)), local(Duration.ofHours(2)), "散装白酒\n鲜鸡蛋");
        assertThatThrownBy(() -> polls.open(backwards))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.window"));
        assertThatThrownBy(() -> polls.open(new Polls.Draft(" ", "", "tomorrow", "", "")))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(keys(e))
                                .contains("polls.error.title", "polls.error.time", "polls.error.fewOptions")
                                .hasSize(4));
        assertThat(count("poll") + count("poll_option")).isEqualTo(before);

        long id = polls.open(draft("散装食品抽检", "散装白酒\n鲜鸡蛋\n\n食用油", 2));
        assertThat(polls.options(id)).extracting(Polls.Option::label).containsExactly("散装白酒", "鲜鸡蛋", "食用油");
        assertThat(polls.poll(id).unitName()).contains("住房和城乡建设局");
        assertThat(polls.poll(id).open()).isTrue();
    }

    @Test
    void onlyAdministratorsAndDepartmentStaffOpenPolls() {
        signIn("community");
        long before = count("poll");
        assertThatThrownBy(() -> polls.open(draft("社区投票", "鲜鸡蛋\n食用油", 2)))
                .isInstanceOfSatisfying(
                        JiesuException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(count("poll")).isEqualTo(before);

        signIn("admin");
        long id = polls.open(draft("全州抽检", "鲜鸡蛋\n食用油", 2));
        assertThat(polls.managedPoll(id).title()).isEqualTo("全州抽检");

        // A department's staff manage their own unit's polls, not the prefecture's.
        signIn("housing");
        assertThatThrownBy(() -> polls.generateCodes(id, "5"))
                .isInstanceOfSatisfying(
                        JiesuException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(polls.codeCount(id)).isEqualTo(new Polls.CodeCount(0, 0));
        assertThat(polls.managed()).extracting(Polls.Poll::id).doesNotContain(id);
    }

    @Test
    void aSecondVoteFromTheSamePhoneIsRefusedAndTheCountsDoNotChangeAndTheNumberIsNotStored() {
        signIn("housing");
        long id = polls.open(draft("鸡蛋抽检", "鲜鸡蛋\n咸鸭蛋", 2));
        SecurityContextHolder.clearContext();
        List<Polls.Option> options = polls.options(id);
        String phone = phone();

        long first = polls.sendCode(id, phone);
        String firstCode = lastCode(phone);
        long second = polls.sendCode(id, "  " + phone.substring(0, 3) + "-" + phone.substring(3) + " ");
        String secondCode = lastCode(phone);

        polls.voteByPhone(id, first, firstCode, "" + options.get(0).id());
        assertThat(votes(id)).containsExactly(1, 0);

        assertThatThrownBy(() -> polls.voteByPhone(
                        id, second, secondCode, "" + options.get(1).id()))
                .isInstanceOfSatisfying(InputRefusal.class, e -> {
                    assertThat(keys(e)).containsExactly("polls.error.voted");
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                });
        assertThat(votes(id)).containsExactly(1, 0);
        assertThatThrownBy(() -> polls.sendCode(id, phone))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.voted"));
        // A used code does not vote twice either.
        assertThatThrownBy(() -> polls.voteByPhone(
                        id, first, firstCode, "" + options.get(1).id()))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.codeExpired"));
        assertThat(votes(id)).containsExactly(1, 0);

        // Nothing holds the number: the marks are keyed hashes, and the sent text shows it masked.
        assertThat(jdbc.sql("""
                        select count(*) from poll_phone_vote v join poll_phone_check c on c.poll_id = v.poll_id
                        where v.poll_id = ? and (v.phone_hash like ? or c.phone_hash like ? or c.code_hash like ?)""")
                        .params(id, "%" + phone + "%", "%" + phone + "%", "%" + phone + "%")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from poll_phone_vote where poll_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from notification where text like ?")
                        .param("%" + phone + "%")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void theVerificationCodeIsCheckedAndTriedOnlyAFewTimes() {
        signIn("housing");
        long id = polls.open(draft("食用油抽检", "散装食用油\n桶装食用油", 2));
        SecurityContextHolder.clearContext();
        String option = "" + polls.options(id).get(1).id();
        String phone = phone();

        assertThatThrownBy(() -> polls.sendCode(id, "12345"))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.phone"));

        long check = polls.sendCode(id, phone);
        String code = lastCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThatThrownBy(() -> polls.voteByPhone(id, check, wrong, option))
                .isInstanceOfSatisfying(InputRefusal.class, e -> {
                    assertThat(keys(e)).containsExactly("polls.error.wrongCode");
                    assertThat(e.inputProblems().get(0).args()).containsExactly(4);
                });
        assertThat(votes(id)).containsExactly(0, 0);
        // No option picked: refused before the code is tried, so it costs no try.
        assertThatThrownBy(() -> polls.voteByPhone(id, check, code, ""))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.option"));
        polls.voteByPhone(id, check, " " + code + " ", option);
        assertThat(votes(id)).containsExactly(0, 1);

        // A code tried too often is dead, even when the right code comes last.
        String other = phone();
        long guessed = polls.sendCode(id, other);
        String right = lastCode(other);
        String bad = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> polls.voteByPhone(id, guessed, bad, option))
                    .isInstanceOf(InputRefusal.class);
        }
        assertThatThrownBy(() -> polls.voteByPhone(id, guessed, right, option))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.codeExpired"));
        // A code too old is dead too.
        String late = phone();
        long expiring = polls.sendCode(id, late);
        String lateCode = lastCode(late);
        clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> polls.voteByPhone(id, expiring, lateCode, option))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.codeExpired"));
        assertThat(votes(id)).containsExactly(0, 1);
    }

    @Test
    void oneTimePaperCodesVoteOnceEach() {
        signIn("housing");
        long id = polls.open(draft("白酒抽检", "散装白酒\n瓶装白酒\n米酒", 2));
        List<String> codes = polls.generateCodes(id, "3");
        assertThat(codes).hasSize(3).doesNotHaveDuplicates();
        assertThatThrownBy(() -> polls.generateCodes(id, "501"))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.codeCount"));
        assertThat(polls.codeCount(id)).isEqualTo(new Polls.CodeCount(3, 0));
        SecurityContextHolder.clearContext();
        List<Polls.Option> options = polls.options(id);

        polls.voteByCode(id, codes.get(0), "" + options.get(0).id());
        polls.voteByCode(id, codes.get(1).toLowerCase(), "" + options.get(0).id());
        polls.voteByCode(id, codes.get(2), "" + options.get(2).id());
        assertThat(votes(id)).containsExactly(2, 0, 1);

        assertThatThrownBy(() ->
                        polls.voteByCode(id, codes.get(0), "" + options.get(1).id()))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.codeUsed"));
        assertThatThrownBy(() ->
                        polls.voteByCode(id, "ZZZZ2222", "" + options.get(1).id()))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.codeUnknown"));
        assertThat(votes(id)).containsExactly(2, 0, 1);

        Polls.Tally tally = polls.tally(id);
        assertThat(tally.total()).isEqualTo(3);
        assertThat(tally.shares()).extracting(Polls.Share::percent).containsExactly(67, 0, 33);
        signIn("housing");
        assertThat(polls.codeCount(id)).isEqualTo(new Polls.CodeCount(3, 3));
        assertThat(polls.unusedCodes(id)).isEmpty();
    }

    @Test
    void aClosedPollTakesNoVotesAndThenCarriesThePublishedResults() throws Exception {
        signIn("housing");
        long id = polls.open(draft("蔬菜抽检", "韭菜\n豆芽", 1));
        List<String> codes = polls.generateCodes(id, "2");
        List<Polls.Option> options = polls.options(id);
        polls.voteByCode(id, codes.get(0), "" + options.get(1).id());
        List<Polls.Finding> findings = List.of(
                new Polls.Finding(options.get(0).id(), "5", "5", "0", ""),
                new Polls.Finding(options.get(1).id(), "8", "6", "2", "2 批次检出非法添加物，已立案调查。"));
        assertThatThrownBy(() -> polls.publish(id, findings))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.notClosed"));

        clock.advance(Duration.ofHours(2));
        assertThat(polls.poll(id).closed()).isTrue();
        assertThatThrownBy(() ->
                        polls.voteByCode(id, codes.get(1), "" + options.get(0).id()))
                .isInstanceOfSatisfying(InputRefusal.class, e -> {
                    assertThat(keys(e)).containsExactly("polls.error.closed");
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                });
        assertThatThrownBy(() -> polls.sendCode(id, phone()))
                .isInstanceOfSatisfying(
                        InputRefusal.class, e -> assertThat(keys(e)).containsExactly("polls.error.closed"));
        assertThat(votes(id)).containsExactly(0, 1);

        assertThatThrownBy(() -> polls.publish(
                        id,
                        List.of(
                                new Polls.Finding(options.get(0).id(), "5", "6", "0", ""),
                                new Polls.Finding(options.get(1).id(), "x", "", "", ""))))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(keys(e)).containsExactly("polls.error.sum", "polls.error.numbers"));
        assertThat(polls.poll(id).published()).isFalse();

        polls.publish(id, findings);
        assertThat(polls.poll(id).published()).isTrue();
        assertThat(polls.options(id))
                .extracting(Polls.Option::samples, Polls.Option::failed, Polls.Option::note)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5, 0, null),
                        org.assertj.core.groups.Tuple.tuple(8, 2, "2 批次检出非法添加物，已立案调查。"));

        HttpResponse<String> page = new Browser(port).get("/public/polls/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("已结束", "检测结果", "2 批次检出非法添加物，已立案调查。", "共 1 票")
                .doesNotContain("id=\"pl-phone\"", "id=\"pl-paper\"", "every 5s");

        Browser staff = new Browser(port);
        staff.signIn("housing");
        assertThat(staff.get("/community/polls").body()).contains("/community/polls/" + id, "蔬菜抽检");
        HttpResponse<String> codesPage = staff.get("/community/polls/" + id + "/codes");
        assertThat(codesPage.statusCode()).isEqualTo(200);
        assertThat(codesPage.body()).contains(codes.get(1)).doesNotContain(codes.get(0));
        HttpResponse<String> manage = staff.get("/community/polls/" + id);
        assertThat(manage.statusCode()).isEqualTo(200);
        assertThat(manage.body()).contains("samples-" + options.get(1).id(), "value=\"8\"");
        HttpResponse<String> refused = staff.post(
                "/community/polls/" + id + "/results",
                Map.of(
                        "_csrf",
                        Browser.csrf(manage.body()),
                        "samples-" + options.get(0).id(),
                        "3",
                        "passed-" + options.get(0).id(),
                        "2",
                        "failed-" + options.get(0).id(),
                        "2"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("韭菜：合格与不合格之和不能超过抽样批次。", "豆芽：请把抽样");
        assertThat(polls.options(id).get(0).samples()).isEqualTo(5);
    }

    @Test
    void aPollNotOpenYetIsNotShownToThePublic() throws Exception {
        signIn("housing");
        long id = polls.open(
                new Polls.Draft("下月抽检", "", local(Duration.ofDays(1)), local(Duration.ofDays(2)), "鲜鸡蛋\n食用油"));
        SecurityContextHolder.clearContext();
        assertThat(new Browser(port).get("/public/polls/" + id).statusCode()).isEqualTo(404);
        assertThat(polls.publicList()).extracting(Polls.Poll::id).doesNotContain(id);
        assertThatThrownBy(() -> polls.sendCode(id, phone())).isInstanceOf(JiesuException.class);
    }

    @Test
    void thePublicPagesListPollsTakeVotesAndShowLiveCountsAndTheStaffPagesRefuseABadForm() throws Exception {
        signIn("housing");
        long id = polls.open(draft("水果抽检" + PHONES.incrementAndGet(), "苹果\n香梨", 2));
        SecurityContextHolder.clearContext();
        Browser resident = new Browser(port);

        HttpResponse<String> list = resident.get("/public/polls");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("你点我检", "/public/polls/" + id);

        HttpResponse<String> page = resident.get("/public/polls/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("苹果", "香梨", "共 0 票", "every 5s", "/public/polls/" + id + "/results");

        String phone = phone();
        HttpResponse<String> bad = resident.post(
                "/public/polls/" + id + "/phone", Map.of("_csrf", Browser.csrf(page.body()), "phone", "123"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("请填写 11 位手机号码");

        HttpResponse<String> sent = resident.post(
                "/public/polls/" + id + "/phone", Map.of("_csrf", Browser.csrf(page.body()), "phone", phone));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("验证码已发送", "name=\"check\"");
        Matcher check = Pattern.compile("name=\"check\" value=\"(\\d+)\"").matcher(sent.body());
        assertThat(check.find()).isTrue();
        String option = "" + polls.options(id).get(1).id();

        HttpResponse<String> wrong = resident.post(
                "/public/polls/" + id + "/phone-vote",
                Map.of("_csrf", Browser.csrf(sent.body()), "check", check.group(1), "code", "abc", "option", option));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("验证码不对，还可以再试 4 次。", "name=\"check\"");

        HttpResponse<String> tampered = resident.post(
                "/public/polls/" + id + "/phone-vote",
                Map.of("_csrf", Browser.csrf(sent.body()), "check", "x", "code", "123456", "option", option));
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.body()).contains("验证码已过期、已使用或尝试次数太多");

        HttpResponse<String> voted = resident.post(
                "/public/polls/" + id + "/phone-vote",
                Map.of(
                        "_csrf",
                        Browser.csrf(wrong.body()),
                        "check",
                        check.group(1),
                        "code",
                        lastCode(phone),
                        "option",
                        option));
        assertThat(voted.statusCode()).isEqualTo(200);
        assertThat(voted.body()).contains("投票成功", "共 1 票");

        HttpResponse<String> live = resident.get("/public/polls/" + id + "/results");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("共 1 票", "1 票（100%）").doesNotContain("<html");

        HttpResponse<String> staffOnly = resident.get("/community/polls/new");
        assertThat(staffOnly.body()).doesNotContain("name=\"options\"");

        Browser staff = new Browser(port);
        staff.signIn("housing");
        HttpResponse<String> form = staff.get("/community/polls/new");
        assertThat(form.statusCode()).isEqualTo(200);
        long before = count("poll");
        HttpResponse<String> refused = staff.post(
                "/community/polls",
                Map.of(
                        "_csrf",
                        Browser.csrf(form.body()),
                        "title",
                        "只有一项",
                        "options",
                        "鲜鸡蛋",
                        "opensAt",
                        local(Duration.ZERO),
                        "closesAt",
                        local(Duration.ofDays(1))));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("至少要有两个选项", "value=\"只有一项\"");
        assertThat(count("poll")).isEqualTo(before);

        HttpResponse<String> manage = staff.get("/community/polls/" + id);
        assertThat(manage.statusCode()).isEqualTo(200);
        assertThat(manage.body()).contains("水果抽检", "共 1 票");
        HttpResponse<String> generated = staff.post(
                "/community/polls/" + id + "/codes", Map.of("_csrf", Browser.csrf(manage.body()), "count", "2"));
        assertThat(generated.statusCode()).isEqualTo(200);
        assertThat(generated.body()).contains("已生成 2 个投票码");
    }

    private void signIn(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    private Polls.Draft draft(String title, String options, int hours) {
        return new Polls.Draft(title, "", local(Duration.ofMinutes(-30)), local(Duration.ofHours(hours)), options);
    }

    private String local(Duration fromNow) {
        return LocalDateTime.ofInstant(clock.instant().plus(fromNow), ZONE)
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
    }

    private static String phone() {
        return "139" + String.format("%08d", PHONES.incrementAndGet() % 100_000_000L);
    }

    /** The code texted last to this phone, read from the recorded notice as a gateway would deliver it. */
    private String lastCode(String phone) {
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        String text = jdbc.sql("select text from notification where text like ? order by id desc limit 1")
                .param(masked + "%")
                .query(String.class)
                .single();
        Matcher m = CODE.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private List<Integer> votes(long pollId) {
        return polls.options(pollId).stream().map(Polls.Option::votes).toList();
    }

    private long count(String table) {
        return switch (table) {
            case "poll" ->
                jdbc.sql("select count(*) from poll").query(Long.class).single();
            case "poll_option" ->
                jdbc.sql("select count(*) from poll_option").query(Long.class).single();
            default -> throw new IllegalArgumentException(table);
        };
    }

    private static List<String> keys(InputRefusal e) {
        return e.inputProblems().stream().map(InputProblem::key).toList();
    }
}
