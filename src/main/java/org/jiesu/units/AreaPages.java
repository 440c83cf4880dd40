package org.jiesu.units;

import java.security.Principal;
import java.util.List;
import org.jiesu.platform.JiesuException;
import org.jiesu.platform.UploadedText;
import org.jspecify.annotations.Nullable;
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

    private final UnitDirectory directory;
    private final Areas areas;

    AreaPages(UnitDirectory directory, Areas areas) {
        this.directory = directory;
        this.areas = areas;
    }

    @GetMapping("/admin/areas")
    String list(Model model) {
        List<Row> rows = directory.units().stream()
                .filter(u -> u.kind().territorial())
                .map(u -> new Row(
                        u,
                        u.kind().level().ordinal(),
                        u.parentId() == null
                                ? null
                                : directory.unit(u.parentId()).name()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute(
                "withArea", rows.stream().filter(r -> r.unit().hasArea()).count());
        model.addAttribute(
                "withoutArea", rows.stream().filter(r -> !r.unit().hasArea()).count());
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
            redirect.addFlashAttribute("flashError", "请选择一个 GeoJSON 文件（FeatureCollection）。");
            return "redirect:/admin/areas";
        }
        try {
            // Judged by its content: the file's name and declared type are whatever the browser or the person made.
            Areas.Changed changed =
                    areas.importCollection(UploadedText.decode(file.getBytes(), "a GeoJSON file"), who.getName());
            redirect.addFlashAttribute(
                    "flashSuccess", "已导入 " + changed.count() + " 个单位的区域：" + String.join("、", changed.units()) + "。");
        } catch (JiesuException e) {
            redirect.addFlashAttribute("flashError", "未导入，区域没有任何改动。");
            redirect.addFlashAttribute("problems", shown(e));
        } catch (java.io.IOException e) {
            redirect.addFlashAttribute("flashError", "文件读取失败，请重新上传。");
        }
        return "redirect:/admin/areas";
    }

    /** The problems travel in the session until the page shows them: a file with thousands of faults shows the first. */
    private static List<String> shown(JiesuException e) {
        List<String> all = e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems();
        if (all.size() <= MAX_SHOWN) {
            return all;
        }
        List<String> first = new java.util.ArrayList<>(all.subList(0, MAX_SHOWN));
        first.add("…还有 " + (all.size() - MAX_SHOWN) + " 个问题（and " + (all.size() - MAX_SHOWN) + " more）");
        return first;
    }
}
