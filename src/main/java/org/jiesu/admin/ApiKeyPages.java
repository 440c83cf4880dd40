package org.jiesu.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jiesu.open311.ApiKeys;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actors;
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
 * The Open311 clients and their API keys. A new key is shown once, on the page that answers the form, and is never
 * kept: only its hash is stored, so it cannot be shown again.
 */
@Controller
class ApiKeyPages {

    static final int MAX_NAME = 100;

    private final ApiKeys keys;
    private final Actors actors;
    private final MessageSource messages;

    ApiKeyPages(ApiKeys keys, Actors actors, MessageSource messages) {
        this.keys = keys;
        this.actors = actors;
        this.messages = messages;
    }

    @GetMapping("/admin/api-keys")
    String list(Model model) {
        return page(model, "", Map.of(), null);
    }

    @PostMapping("/admin/api-keys")
    String issue(@RequestParam(required = false) @Nullable String name, Model model, HttpServletResponse response) {
        String clean = name == null ? "" : name.strip();
        String error = null;
        if (clean.isEmpty() || clean.length() > MAX_NAME) {
            error = text("admin.apiKeys.error.name", MAX_NAME);
        } else if (keys.all(actors.current()).stream().anyMatch(c -> c.name().equals(clean))) {
            error = text("admin.apiKeys.error.nameTaken");
        }
        if (error == null) {
            try {
                ApiKeys.Issued issued = keys.issue(clean, actors.current());
                // Answered directly, not redirected: the key must not travel through the session or a later page.
                response.setHeader("Cache-Control", "no-store");
                model.addAttribute("flashSuccess", text("admin.apiKeys.issued", clean));
                return page(model, "", Map.of(), issued);
            } catch (JiesuException e) {
                error = text("admin.apiKeys.error.nameTaken");
            }
        }
        response.setStatus(422);
        return page(model, name == null ? "" : name, Map.of("name", error), null);
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        ApiKeys.Client client = keys.revoke(id, actors.current());
        redirect.addFlashAttribute("flashSuccess", text("admin.apiKeys.revoked", client.name()));
        return "redirect:/admin/api-keys";
    }

    private String page(Model model, String name, Map<String, String> errors, ApiKeys.@Nullable Issued issued) {
        model.addAttribute("clients", keys.all(actors.current()));
        model.addAttribute("name", name);
        model.addAttribute("errors", errors);
        model.addAttribute("issued", issued);
        return "admin/api-keys";
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
