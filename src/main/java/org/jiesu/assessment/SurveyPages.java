package org.jiesu.assessment;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jiesu.platform.InputRefusal;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Staff pages of the satisfaction surveys: set one up, print its codes once, read the results. */
@Controller
class SurveyPages {

    private final Surveys surveys;
    private final Actors actors;
    private final MessageSource messages;

    SurveyPages(Surveys surveys, Actors actors, MessageSource messages) {
        this.surveys = surveys;
        this.actors = actors;
        this.messages = messages;
    }

    @GetMapping("/assessment/surveys")
    String list(Model model) {
        return show(
                model,
                new Surveys.NewSurvey(
                        null,
                        "",
                        String.join("\n", Surveys.DEFAULT_ITEMS),
                        surveys.today().toString(),
                        surveys.today().plusDays(14).toString(),
                        "30"),
                List.of());
    }

    @PostMapping("/assessment/surveys")
    String create(
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String items,
            @RequestParam(required = false) String opensOn,
            @RequestParam(required = false) String closesOn,
            @RequestParam(required = false) String respondents,
            Model model,
            HttpServletResponse response) {
        Surveys.NewSurvey form = new Surveys.NewSurvey(unit, title, items, opensOn, closesOn, respondents);
        Surveys.Created created;
        try {
            created = surveys.create(actors.current(), form);
        } catch (InputRefusal e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            Locale locale = LocaleContextHolder.getLocale();
            List<String> problems = e.inputProblems().stream()
                    .map(p -> messages.getMessage(p.key(), p.args().toArray(), p.english(), locale))
                    .toList();
            return show(model, form, problems);
        }
        List<String> printed =
                created.codes().stream().map(SurveyCodes::printed).toList();
        model.addAttribute("survey", created.survey());
        model.addAttribute("codes", printed);
        model.addAttribute("csv", "data:text/csv;charset=utf-8," + csv(created.survey(), printed));
        return "assessment/survey-codes";
    }

    /** The list and the form, filled with what was typed and the problems found in it. */
    private String show(Model model, Surveys.NewSurvey form, List<String> problems) {
        Actor actor = actors.current();
        model.addAttribute("surveys", surveys.list(actor));
        model.addAttribute("choices", surveys.choices(actor));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("maxRespondents", Surveys.MAX_RESPONDENTS);
        return "assessment/surveys";
    }

    @GetMapping("/assessment/surveys/{id}")
    String results(@PathVariable long id, Model model) {
        Surveys.Results results = surveys.results(actors.current(), id);
        model.addAttribute("results", results);
        model.addAttribute("survey", results.survey());
        return "assessment/survey-results";
    }

    /** The codes as a CSV file the browser saves: a byte-order mark so spreadsheet programs read the Chinese. */
    private static String csv(Surveys.Survey survey, List<String> codes) {
        StringBuilder csv = new StringBuilder("\uFEFFsurvey,title,code\r\n");
        String title = "\"" + survey.title().replace("\"", "\"\"") + "\"";
        for (String code : codes) {
            csv.append(survey.id())
                    .append(',')
                    .append(title)
                    .append(',')
                    .append(code)
                    .append("\r\n");
        }
        return URLEncoder.encode(csv.toString(), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
