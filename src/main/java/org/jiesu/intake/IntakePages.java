package org.jiesu.intake;

import static org.jiesu.platform.FormValues.blankToNull;
import static org.jiesu.platform.FormValues.choice;
import static org.jiesu.platform.FormValues.id;
import static org.jiesu.platform.FormValues.number;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actors;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The resident's form: say what is wrong and where, get a tracking code. */
@Controller
class IntakePages {

    /**
     * The form as typed. Numbers and choices stay text until {@link #toNewRequest} so that a wrong value comes back
     * to the resident with everything else they wrote, instead of failing the binding.
     */
    record ResidentForm(
            @NotBlank(message = "请写下您要反映的事情。") @Size(max = NewRequest.MAX_TEXT, message = "最多 {max} 字。")
            String text,

            @Nullable String type,
            @Nullable String categoryCode,
            @Nullable String communityId,
            @Nullable String latitude,
            @Nullable String longitude,

            @Nullable @Size(max = NewRequest.MAX_ADDRESS, message = "最多 {max} 字。")
            String address,

            @Nullable @Size(max = NewRequest.MAX_CONTACT_NAME, message = "最多 {max} 字。")
            String contactName,

            @Nullable @Pattern(regexp = NewRequest.PHONE, message = "请填写 5 到 20 位的电话号码。")
            String contactPhone,

            @Nullable Boolean confidential) {

        static ResidentForm empty() {
            return new ResidentForm("", RequestType.HELP.name(), "", "", "", "", "", "", "", false);
        }

        NewRequest toNewRequest() {
            return new NewRequest(
                    Channel.WEB,
                    choice(RequestType.class, type, "type"),
                    text,
                    blankToNull(categoryCode),
                    Urgency.NORMAL,
                    number(latitude, "latitude"),
                    number(longitude, "longitude"),
                    id(communityId, "communityId"),
                    address,
                    contactName,
                    contactPhone,
                    Boolean.TRUE.equals(confidential));
        }
    }

    private final Intake intake;

    private final UnitDirectory units;
    private final Actors actors;

    IntakePages(Intake intake, UnitDirectory units, Actors actors) {
        this.intake = intake;
        this.units = units;
        this.actors = actors;
    }

    @GetMapping("/submit")
    String form(Model model) {
        // After a successful POST the receipt arrives here as a flash attribute, so a reload files nothing twice.
        if (model.containsAttribute("receipt")) {
            return "intake/receipt";
        }
        return show(model, ResidentForm.empty());
    }

    @PostMapping("/submit")
    String submit(
            @Valid @ModelAttribute("form") ResidentForm form,
            BindingResult binding,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("formError", "请检查标出的内容。");
            return show(model, form);
        }
        try {
            ResidentRequest saved = intake.receive(form.toNewRequest(), actors.current());
            redirect.addFlashAttribute("receipt", saved.trackingCode());
            return "redirect:/submit";
        } catch (JiesuException e) {
            response.setStatus(e.status().value());
            model.addAttribute("formError", e.getMessage());
            return show(model, form);
        }
    }

    private String show(Model model, ResidentForm form) {
        model.addAttribute("form", form);
        model.addAttribute("types", RequestType.values());
        model.addAttribute("categoryGroups", FormChoices.categoryGroups(units));
        model.addAttribute("communityGroups", FormChoices.communityGroups(units));
        return "intake/submit";
    }
}
