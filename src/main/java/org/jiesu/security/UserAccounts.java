package org.jiesu.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jiesu.platform.JiesuException;
import org.jiesu.units.UnitDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts, stored with hashed passwords. */
@Service
public class UserAccounts implements UserDetailsService {

    static final int MIN_PASSWORD_LENGTH = 10;
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MAX_DISPLAY_NAME = 50;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final UnitDirectory units;

    private final StaffSessions sessions;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, UnitDirectory units, StaffSessions sessions) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.units = units;
    }

    public long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    public List<Actor> all() {
        return jdbc.sql("select username, display_name, role, unit_id from app_user order by role, username")
                .query((rs, n) ->
                        new Actor(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getLong(4)))
                .list();
    }

    @Transactional
    public void create(String username, String displayName, String rawPassword, Role role, long unitId) {
        if (username == null || !username.matches("[a-z][a-z0-9._-]{2,31}")) {
            throw JiesuException.invalid(
                    "A user name is 3 to 32 lower-case letters, digits, dots, dashes or underscores, starting with a letter.");
        }
        if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw JiesuException.invalid("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        // BCrypt reads 72 bytes and Spring Security refuses more rather than ignore the rest silently.
        if (rawPassword.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw JiesuException.invalid("A password may be at most " + MAX_PASSWORD_BYTES
                    + " bytes long: 72 letters or digits, or 24 Chinese characters.");
        }
        if (displayName == null || displayName.isBlank() || displayName.strip().length() > MAX_DISPLAY_NAME) {
            throw JiesuException.invalid("A display name is 1 to " + MAX_DISPLAY_NAME + " characters.");
        }
        if (role == Role.RESIDENT) {
            throw JiesuException.invalid("Residents need no account.");
        }
        units.unit(unitId);
        int added = jdbc.sql("""
                        insert into app_user (username, display_name, password, role, unit_id)
                        values (?, ?, ?, ?, ?) on conflict (username) do nothing""")
                .params(username, displayName.strip(), passwords.encode(rawPassword), role.name(), unitId)
                .update();
        if (added == 0) {
            throw JiesuException.conflict("There is already a user called '" + username + "'.");
        }
    }

    /** A staff account as administrators see it: never its password. */
    public record Account(String username, String displayName, Role role, long unitId, boolean enabled) {}

    /** Accounts in role, then name order, at most {@code limit}. */
    public List<Account> accounts(int limit) {
        return jdbc.sql("""
                        select username, display_name, role, unit_id, enabled from app_user
                        order by role, username limit ?""")
                .param(limit)
                .query((rs, n) -> new Account(
                        rs.getString(1),
                        rs.getString(2),
                        Role.valueOf(rs.getString(3)),
                        rs.getLong(4),
                        rs.getBoolean(5)))
                .list();
    }

    public java.util.Optional<Account> account(String username) {
        return jdbc.sql("select username, display_name, role, unit_id, enabled from app_user where username = ?")
                .param(username)
                .query((rs, n) -> new Account(
                        rs.getString(1),
                        rs.getString(2),
                        Role.valueOf(rs.getString(3)),
                        rs.getLong(4),
                        rs.getBoolean(5)))
                .optional();
    }

    /** Enabled administrators other than {@code username}: the last one may not be disabled or demoted. */
    public long otherEnabledAdmins(String username) {
        return jdbc.sql("select count(*) from app_user where role = 'ADMIN' and enabled and username <> ?")
                .param(username)
                .query(Long.class)
                .single();
    }

    /**
     * Why a password is too weak, or null when it is strong enough: at least {@value #MIN_PASSWORD_LENGTH}
     * characters, at most {@value #MAX_PASSWORD_BYTES} bytes, a letter and a digit, not the user name.
     */
    public static @org.jspecify.annotations.Nullable String weakness(String username, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return "tooShort";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return "tooLong";
        }
        if (password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
            return "letterAndDigit";
        }
        if (username != null
                && !username.isBlank()
                && password.toLowerCase(java.util.Locale.ROOT).contains(username)) {
            return "containsName";
        }
        return null;
    }

    public static int minPasswordLength() {
        return MIN_PASSWORD_LENGTH;
    }

    @Transactional
    public void change(String username, Role role, long unitId) {
        if (role == Role.RESIDENT) {
            throw JiesuException.invalid("Residents need no account.");
        }
        units.unit(unitId);
        jdbc.sql("update app_user set role = ?, unit_id = ? where username = ?")
                .params(role.name(), unitId, username)
                .update();
        sessions.end(username);
    }

    @Transactional
    public void enable(String username, boolean enabled) {
        jdbc.sql("update app_user set enabled = ? where username = ?")
                .params(enabled, username)
                .update();
        sessions.end(username);
    }

    @Transactional
    public void resetPassword(String username, String rawPassword) {
        if (weakness(username, rawPassword) != null) {
            throw JiesuException.invalid("The password is too weak.");
        }
        jdbc.sql("update app_user set password = ? where username = ?")
                .params(passwords.encode(rawPassword), username)
                .update();
        sessions.end(username);
    }

    @Override
    public StaffUser loadUserByUsername(String username) {
        return jdbc.sql(
                        "select username, display_name, password, role, unit_id, enabled from app_user where username = ?")
                .param(username)
                .query((rs, n) -> new StaffUser(
                        new Actor(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(4)), rs.getLong(5)),
                        rs.getString(3),
                        rs.getBoolean(6)))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
