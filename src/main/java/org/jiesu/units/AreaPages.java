package org.jiesu.units;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.JiesuException;
import org.jiesu.platform.UploadedText;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's area screen: which territorial units have an area, the export as a file, and an upload that
 * replaces areas from a FeatureCollection, all or nothing. Only administrators reach /admin (SecurityConfig).
 */
@Controller
class AreaPages {

    private static final int MAX_SHOWN = 200;

    /** One line of the unit tree; {@code depth} indents it under its parent. */
    record Row(Unit unit, int depth, @Nullable String parentName) {}

    /** One line of an import's report: the feature's number in the file and the unit whose area it replaced. */
    record Imported(int feature, String unit, String code) {}

    private final UnitDirectory directory;
    private final Areas areas;
    private final MessageSource messages;
    private final String tileUrl;

    AreaPages(
            UnitDirectory directory,
            Areas areas,
            MessageSource messages,
            @Value("${jiesu.map.tile-url:}") String tileUrl) {
        this.directory = directory;
        this.areas = areas;
        this.messages = messages;
        this.tileUrl = tileUrl;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    @GetMapping("/admin/areas")
    String list(Model model) {
        Map<Long, Unit> byId = directory.unitMap();
        List<Row> rows = directory.units().stream()
                .filter(u -> u.kind().territorial())
                .map(u -> new Row(
                        u,
                        u.kind().level().ordinal(),
                        u.parentId() == null ? null : byId.get(u.parentId()).name()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute(
                "withArea", rows.stream().filter(r -> r.unit().hasArea()).count());
        model.addAttribute(
                "withoutArea", rows.stream().filter(r -> !r.unit().hasArea()).count());
        if (!model.containsAttribute("mapTileUrl")) {
            model.addAttribute("mapTileUrl", tileUrl);
        }
        return "units/areas";
    }

    @GetMapping("/admin/areas/export")
    ResponseEntity<String> export() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(AreaApi.GEO_JSON))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("areas.geojson")
                                .build()
                                .toString())
                .body(areas.featureCollection().toString());
    }

    @PostMapping("/admin/areas/import")
    String upload(
            @RequestParam(required = false) @Nullable MultipartFile file, Principal who, RedirectAttributes redirect) {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("fileError", text("admin.areas.error.noFile"));
            return "redirect:/admin/areas#import";
        }
        try {
            // Judged by its content: the file's name and declared type are whatever the browser or the person made.
            Areas.Changed changed =
                    areas.importCollection(UploadedText.decode(file.getBytes(), "a GeoJSON file"), who.getName());
            List<Imported> report = new java.util.ArrayList<>();
            for (int i = 0; i < changed.count(); i++) {
                report.add(new Imported(
                        i + 1, changed.units().get(i), changed.codes().get(i)));
            }
            redirect.addFlashAttribute("flashSuccess", text("admin.areas.imported", changed.count()));
            redirect.addFlashAttribute("imported", report);
            redirect.addFlashAttribute("importedFile", file.getOriginalFilename());
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", text("admin.areas.refused"));
            redirect.addFlashAttribute("problems", shown(e));
            redirect.addFlashAttribute("importedFile", file.getOriginalFilename());
        } catch (java.io.IOException e) {
            redirect.addFlashAttribute("fileError", text("admin.areas.error.unreadable"));
        }
        return "redirect:/admin/areas#report";
    }

    /** The problems travel in the session until the page shows them: a file with thousands of faults shows the first. */
    private static List<String> shown(JiesuException e) {
        List<String> all = e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems();
        if (all.size() <= MAX_SHOWN) {
            return all;
        }
        List<String> first = new java.util.ArrayList<>(all.subList(0, MAX_SHOWN));
        first.add("… +" + (all.size() - MAX_SHOWN));
        return first;
    }
}
