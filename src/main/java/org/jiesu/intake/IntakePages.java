package org.jiesu.intake;

import static org.jiesu.platform.FormValues.blankToNull;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jiesu.classification.CategorySuggester;
import org.jiesu.classification.Classification;
import org.jiesu.knowledge.Knowledge;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actors;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The resident's form: say what is wrong and where, add photos, get a tracking code. Works as a plain multipart form
 * post; with JavaScript, categories and knowledge-base answers are suggested while the text is typed, and a map
 * sets the place.
 */
@Controller
class IntakePages {

    static final int SUGGESTED_CATEGORIES = 3;
    static final int SUGGESTED_ANSWERS = 3;

    /**
     * The form as typed. Numbers and choices stay text until checked, so that a wrong value comes back to the
     * resident with everything else they wrote.
     */
    record ResidentForm(
            @Nullable String text,
            @Nullable String type,
            @Nullable String categoryCode,
            @Nullable String communityId,
            @Nullable String latitude,
            @Nullable String longitude,
            @Nullable String address,
            @Nullable String contactName,
            @Nullable String contactPhone,
            @Nullable Boolean confidential) {

        static ResidentForm empty() {
            return new ResidentForm("", RequestType.HELP.name(), "", "", "", "", "", "", "", false);
        }
    }

    private final Intake intake;
    private final UnitDirectory units;
    private final Actors actors;
    private final CategorySuggester suggester;
    private final Knowledge knowledge;
    private final MessageSource messages;
    private final String mapTileUrl;

    IntakePages(
            Intake intake,
            UnitDirectory units,
            Actors actors,
            CategorySuggester suggester,
            Knowledge knowledge,
            MessageSource messages,
            @Value("${jiesu.map.tile-url:}") String mapTileUrl) {
        this.mapTileUrl = mapTileUrl;
        this.intake = intake;
        this.units = units;
        this.actors = actors;
        this.suggester = suggester;
        this.knowledge = knowledge;
        this.messages = messages;
    }

    @GetMapping("/submit")
    String form(Model model) {
        // After a successful POST the receipt arrives here as a flash attribute, so a reload files nothing twice.
        if (model.containsAttribute("receipt")) {
            return "intake/receipt";
        }
        return show(model, ResidentForm.empty(), Map.of(), false);
    }

    /** The suggestions under the text: categories to tap and answers that may make filing unnecessary. */
    @GetMapping("/submit/suggestions")
    String suggestions(@RequestParam(required = false) @Nullable String text, Model model) {
        String t =
                text == null ? "" : text.length() > NewRequest.MAX_TEXT ? text.substring(0, NewRequest.MAX_TEXT) : text;
        Classification verdict = suggester.classify(t, SUGGESTED_CATEGORIES);
        model.addAttribute("categorySuggestions", verdict.suggestions());
        model.addAttribute("categoryScored", verdict.modelVersion() != null);
        model.addAttribute("answers", knowledge.match(t, SUGGESTED_ANSWERS));
        return "intake/submit :: suggestions";
    }

    @PostMapping("/submit")
    String submit(
            @ModelAttribute("form") ResidentForm form,
            @RequestParam(name = "photos", required = false) @Nullable List<MultipartFile> files,
            @RequestParam(name = "preview", required = false) @Nullable String preview,
            @RequestParam(name = "pickCategory", required = false) @Nullable String pickCategory,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (pickCategory != null) {
            // A suggested category tapped without JavaScript: the form again with it chosen, nothing saved.
            ResidentForm picked = new ResidentForm(
                    form.text(),
                    form.type(),
                    pickCategory,
                    form.communityId(),
                    form.latitude(),
                    form.longitude(),
                    form.address(),
                    form.contactName(),
                    form.contactPhone(),
                    form.confidential());
            return show(model, picked, Map.of(), true);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        List<Photo> photos = photos(files, errors);
        NewRequest request = check(form, errors);
        if (preview != null && errors.isEmpty()) {
            // Without JavaScript the suggestions come on request: the form again, with them, nothing saved.
            return show(model, form, Map.of(), true);
        }
        if (!errors.isEmpty() || request == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(model, form, errors, false);
        }
        try {
            ResidentRequest saved = intake.receive(request, photos, actors.current());
            redirect.addFlashAttribute("receipt", saved.trackingCode());
            redirect.addFlashAttribute("photoCount", photos.size());
            return "redirect:/submit";
        } catch (JiesuException e) {
            // The checks above match the facade's; this is for what only the facade knows.
            response.setStatus(e.status().value());
            errors.put("form", e.getMessage());
            return show(model, form, errors, false);
        }
    }

    /** A photo of a request, for its tracking page; never one of a confidential request. */
    @GetMapping("/track/photos/{id}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @RequestParam(required = false) @Nullable String code) {
        Optional<Photo> photo = code == null ? Optional.empty() : intake.publicPhoto(code, id);
        return photo.map(p -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(p.contentType()))
                        .cacheControl(CacheControl.noCache().cachePrivate())
                        .header("Content-Disposition", "inline")
                        .body(p.content()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private List<Photo> photos(@Nullable List<MultipartFile> files, Map<String, String> errors) {
        List<MultipartFile> sent = files == null
                ? List.of()
                : files.stream().filter(f -> !f.isEmpty()).toList();
        if (sent.size() > Photo.MAX_PHOTOS) {
            errors.put("photos", text("resident.error.photos.tooMany", Photo.MAX_PHOTOS));
            return List.of();
        }
        List<Photo> photos = new ArrayList<>();
        for (MultipartFile f : sent) {
            String name = f.getOriginalFilename() == null ? "" : f.getOriginalFilename();
            if (f.getSize() > Photo.MAX_BYTES) {
                errors.put("photos", text("resident.error.photos.tooBig", name, Photo.MAX_BYTES / 1024 / 1024));
                return List.of();
            }
            byte[] bytes;
            try {
                bytes = f.getBytes();
            } catch (IOException e) {
                errors.put("photos", text("resident.error.photos.unreadable", name));
                return List.of();
            }
            Optional<String> type = Photo.typeOf(bytes);
            if (type.isEmpty()) {
                errors.put("photos", text("resident.error.photos.type", name));
                return List.of();
            }
            photos.add(new Photo(type.get(), bytes));
        }
        return photos;
    }

    /** The request the form describes, or null with the problems in {@code errors}, each under its field. */
    private @Nullable NewRequest check(ResidentForm form, Map<String, String> errors) {
        String text = form.text() == null ? "" : form.text().strip();
        if (text.isEmpty()) {
            errors.put("text", text("resident.error.text.required"));
        } else if (text.length() > NewRequest.MAX_TEXT) {
            errors.put("text", text("resident.error.text.tooLong", NewRequest.MAX_TEXT, text.length()));
        }
        RequestType type = RequestType.HELP;
        if (blankToNull(form.type()) != null) {
            try {
                type = RequestType.valueOf(form.type().strip());
            } catch (IllegalArgumentException e) {
                errors.put("type", text("resident.error.choice"));
            }
        }
        String category = blankToNull(form.categoryCode());
        if (category != null && units.findCategory(category).isEmpty()) {
            errors.put("categoryCode", text("resident.error.choice"));
        }
        Long community = null;
        if (blankToNull(form.communityId()) != null) {
            try {
                community = Long.valueOf(form.communityId().strip());
                if (units.find(community).filter(u -> u.kind().territorial()).isEmpty()) {
                    errors.put("communityId", text("resident.error.choice"));
                }
            } catch (NumberFormatException e) {
                errors.put("communityId", text("resident.error.choice"));
            }
        }
        Double latitude = coordinate(form.latitude(), 90, "latitude", errors);
        Double longitude = coordinate(form.longitude(), 180, "longitude", errors);
        if (!errors.containsKey("latitude") && !errors.containsKey("longitude")) {
            if ((latitude == null) != (longitude == null)) {
                errors.put(latitude == null ? "latitude" : "longitude", text("resident.error.coordinates.both"));
            } else if (latitude != null && units.gridAt(latitude, longitude).isEmpty()) {
                errors.put("latitude", text("resident.error.coordinates.outside"));
            }
        }
        String address = blankToNull(form.address());
        if (address != null && address.length() > NewRequest.MAX_ADDRESS) {
            errors.put("address", text("resident.error.tooLong", NewRequest.MAX_ADDRESS));
        }
        String name = blankToNull(form.contactName());
        if (name != null && name.length() > NewRequest.MAX_CONTACT_NAME) {
            errors.put("contactName", text("resident.error.tooLong", NewRequest.MAX_CONTACT_NAME));
        }
        String phone = blankToNull(form.contactPhone());
        if (phone != null && !phone.matches(NewRequest.PHONE)) {
            errors.put("contactPhone", text("resident.error.phone"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new NewRequest(
                Channel.WEB,
                type,
                text,
                category,
                Urgency.NORMAL,
                latitude,
                longitude,
                community,
                address,
                name,
                phone,
                Boolean.TRUE.equals(form.confidential()));
    }

    private @Nullable Double coordinate(@Nullable String value, double max, String field, Map<String, String> errors) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d) && Math.abs(d) <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, text("resident.error.coordinates.number", (int) max));
        return null;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    private String show(Model model, ResidentForm form, Map<String, String> errors, boolean withSuggestions) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("types", RequestType.values());
        model.addAttribute(
                "categoryGroups", FormChoices.categoryGroups(units, name -> text("common.form.categoryOther", name)));
        model.addAttribute("communityGroups", FormChoices.communityGroups(units));
        model.addAttribute("maxPhotos", Photo.MAX_PHOTOS);
        model.addAttribute("mapTileUrl", mapTileUrl);
        model.addAttribute("maxPhotoMegabytes", Photo.MAX_BYTES / 1024 / 1024);
        String text = form.text() == null ? "" : form.text();
        boolean suggest = withSuggestions || !text.isBlank();
        Classification verdict = suggester.classify(suggest ? text : null, SUGGESTED_CATEGORIES);
        model.addAttribute("categorySuggestions", verdict.suggestions());
        model.addAttribute("categoryScored", verdict.modelVersion() != null);
        model.addAttribute("answers", suggest ? knowledge.match(text, SUGGESTED_ANSWERS) : List.of());
        return "intake/submit";
    }
}
