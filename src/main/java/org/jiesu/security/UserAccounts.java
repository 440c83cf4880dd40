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

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, UnitDirectory units) {
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
