package org.jiesu.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Role;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff accounts: the list with role and unit, a form to create one, and for a chosen account its role and unit, a
 * password reset and disabling. Nobody disables or demotes themselves, and the last administrator stays one.
 */
@Controller
class UserPages {

    static final int SHOWN = 200;
    static final int MAX_DISPLAY_NAME = 50;

    record UserInput(
            @Nullable String username,
            @Nullable String displayName,
            @Nullable String role,
            @Nullable String unitId,
            @Nullable String password) {

        static UserInput empty() {
            return new UserInput(null, null, null, null, null);
        }
    }

    private final UserAccounts accounts;
    private final StaffAccounts staff;
    private final UnitDirectory units;
    private final MessageSource messages;

    UserPages(UserAccounts accounts, StaffAccounts staff, UnitDirectory units, MessageSource messages) {
        this.accounts = accounts;
        this.staff = staff;
        this.units = units;
        this.messages = messages;
    }

    @GetMapping("/admin/users")
    String list(@RequestParam(required = false) @Nullable String edit, Model model) {
        UserAccounts.Account chosen =
                edit == null ? null : accounts.account(edit).orElse(null);
        UserInput editInput = chosen == null
                ? UserInput.empty()
                : new UserInput(
                        chosen.username(),
                        chosen.displayName(),
                        chosen.role().name(),
                        String.valueOf(chosen.unitId()),
                        null);
        return page(model, UserInput.empty(), Map.of(), chosen, editInput, Map.of());
    }

    @PostMapping("/admin/users")
    String create(
            UserInput input, Principal who, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        String username = input.username() == null ? "" : input.username().strip();
        if (!username.matches("[a-z][a-z0-9._-]{2,31}")) {
            errors.put("username", text("admin.users.error.username"));
        } else if (accounts.account(username).isPresent()) {
            errors.put("username", text("admin.users.error.usernameTaken"));
        }
        String displayName =
                input.displayName() == null ? "" : input.displayName().strip();
        if (displayName.isEmpty() || displayName.length() > MAX_DISPLAY_NAME) {
            errors.put("displayName", text("admin.users.error.displayName", MAX_DISPLAY_NAME));
        }
        Role role = role(input.role());
        if (role == null) {
            errors.put("role", text("admin.users.error.role"));
        }
        Long unitId = unit(input.unitId());
        if (unitId == null) {
            errors.put("unitId", text("admin.users.error.unit"));
        }
        String password = input.password() == null ? "" : input.password();
        String weakness = UserAccounts.weakness(username, password);
        if (weakness != null) {
            errors.put("password", text("admin.users.error.password." + weakness, UserAccounts.minPasswordLength()));
        }
        if (errors.isEmpty()) {
            try {
                staff.create(username, displayName, password, role, unitId, who.getName());
                redirect.addFlashAttribute("flashSuccess", text("admin.users.created", username));
                return "redirect:/admin/users";
            } catch (JiesuException e) {
                errors.put("username", text("admin.users.error.usernameTaken"));
            }
        }
        response.setStatus(422);
        // The password is never sent back into the page.
        UserInput kept = new UserInput(input.username(), input.displayName(), input.role(), input.unitId(), null);
        return page(model, kept, errors, null, UserInput.empty(), Map.of());
    }

    @PostMapping("/admin/users/{username}/change")
    String change(
            @PathVariable String username,
            UserInput input,
            Principal who,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UserAccounts.Account account = existing(username);
        Map<String, String> errors = new LinkedHashMap<>();
        Role role = role(input.role());
        if (role == null) {
            errors.put("role", text("admin.users.error.role"));
        } else if (account.role() == Role.ADMIN && role != Role.ADMIN) {
            if (username.equals(who.getName())) {
                errors.put("role", text("admin.users.error.demoteSelf"));
            } else if (account.enabled() && accounts.otherEnabledAdmins(username) == 0) {
                errors.put("role", text("admin.users.error.lastAdmin"));
            }
        }
        Long unitId = unit(input.unitId());
        if (unitId == null) {
            errors.put("unitId", text("admin.users.error.unit"));
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            return page(model, UserInput.empty(), Map.of(), account, input, errors);
        }
        staff.change(username, role, unitId, who.getName());
        redirect.addFlashAttribute("flashSuccess", text("admin.users.changed", username));
        return "redirect:/admin/users?edit=" + username + "#edit";
    }

    @PostMapping("/admin/users/{username}/password")
    String password(
            @PathVariable String username,
            @RequestParam(required = false) @Nullable String password,
            Principal who,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UserAccounts.Account account = existing(username);
        String weakness = UserAccounts.weakness(username, password == null ? "" : password);
        if (weakness != null) {
            response.setStatus(422);
            return page(
                    model,
                    UserInput.empty(),
                    Map.of(),
                    account,
                    editInput(account),
                    Map.of(
                            "newPassword",
                            text("admin.users.error.password." + weakness, UserAccounts.minPasswordLength())));
        }
        staff.resetPassword(username, password, who.getName());
        redirect.addFlashAttribute("flashSuccess", text("admin.users.passwordReset", username));
        return "redirect:/admin/users?edit=" + username + "#edit";
    }

    @PostMapping("/admin/users/{username}/enabled")
    String enabled(
            @PathVariable String username,
            @RequestParam(required = false) @Nullable String enabled,
            Principal who,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UserAccounts.Account account = existing(username);
        boolean enable = "true".equals(enabled);
        String refusal = null;
        if (!enable && username.equals(who.getName())) {
            refusal = "admin.users.error.disableSelf";
        } else if (!enable && account.role() == Role.ADMIN && accounts.otherEnabledAdmins(username) == 0) {
            refusal = "admin.users.error.lastAdmin";
        }
        if (refusal != null) {
            response.setStatus(422);
            return page(
                    model, UserInput.empty(), Map.of(), account, editInput(account), Map.of("enabled", text(refusal)));
        }
        staff.enable(username, enable, who.getName());
        redirect.addFlashAttribute(
                "flashSuccess", text(enable ? "admin.users.enabledDone" : "admin.users.disabledDone", username));
        return "redirect:/admin/users?edit=" + username + "#edit";
    }

    private String page(
            Model model,
            UserInput input,
            Map<String, String> errors,
            UserAccounts.@Nullable Account chosen,
            UserInput editInput,
            Map<String, String> editErrors) {
        List<Unit> all = units.units();
        model.addAttribute("users", accounts.accounts(SHOWN));
        model.addAttribute("total", accounts.count());
        model.addAttribute("shown", SHOWN);
        model.addAttribute("input", input);
        model.addAttribute("errors", errors);
        model.addAttribute("chosen", chosen);
        model.addAttribute("editInput", editInput);
        model.addAttribute("editErrors", editErrors);
        model.addAttribute(
                "roles", Arrays.stream(Role.values()).filter(Role::staff).toList());
        model.addAttribute("units", all);
        model.addAttribute("unitNames", all.stream().collect(Collectors.toMap(Unit::id, Unit::name)));
        model.addAttribute("minPassword", UserAccounts.minPasswordLength());
        return "admin/users";
    }

    private UserAccounts.Account existing(String username) {
        return accounts.account(username)
                .orElseThrow(() -> JiesuException.notFound(text("admin.users.error.unknown", username)));
    }

    private static UserInput editInput(UserAccounts.Account a) {
        return new UserInput(a.username(), a.displayName(), a.role().name(), String.valueOf(a.unitId()), null);
    }

    private static @Nullable Role role(@Nullable String value) {
        try {
            Role r = FormValues.choice(Role.class, value, "role");
            return r == null || !r.staff() ? null : r;
        } catch (JiesuException e) {
            return null;
        }
    }

    private @Nullable Long unit(@Nullable String value) {
        try {
            Long id = FormValues.id(value, "unitId");
            return id == null || units.find(id).isEmpty() ? null : id;
        } catch (JiesuException e) {
            return null;
        }
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
