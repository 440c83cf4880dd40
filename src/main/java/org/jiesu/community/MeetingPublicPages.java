package org.jiesu.community;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Consultation meetings for everyone, without an account: the coming and past meetings, and each meeting's report
 * back on what became of the matters raised. Outcomes only, never a person's data or a confidential matter's words.
 */
@Controller
class MeetingPublicPages {

    private final Meetings meetings;

    MeetingPublicPages(Meetings meetings) {
        this.meetings = meetings;
    }

    @GetMapping("/public/meetings")
    String list(@RequestParam(name = "unit", required = false) @Nullable String unit, Model model) {
        Long unitId = null;
        if (unit != null && !unit.isBlank()) {
            try {
                unitId = Long.parseLong(unit.strip());
            } catch (NumberFormatException e) {
                // a mangled link lists every unit's meetings
            }
        }
        model.addAttribute("coming", meetings.coming(unitId));
        model.addAttribute("past", meetings.past(unitId));
        model.addAttribute("units", meetings.unitsWithMeetings());
        model.addAttribute("unit", unitId);
        return "community/public-meetings";
    }

    @GetMapping("/public/meetings/{id}")
    String meeting(@PathVariable long id, Model model) {
        Meetings.Meeting meeting = meetings.publicMeeting(id);
        model.addAttribute("meeting", meeting);
        model.addAttribute("held", meetings.held(meeting));
        model.addAttribute("matters", meetings.publicMatters(id));
        return "community/public-meeting";
    }
}
