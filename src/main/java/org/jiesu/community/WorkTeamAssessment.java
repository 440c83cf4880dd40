package org.jiesu.community;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jiesu.assessment.SchemeGrades;
import org.jiesu.platform.JiesuException;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The yearly assessment of work teams under an assessment scheme for work teams: each team's three rates, composite,
 * total, rank and grade as the scheme computes them, and its members of that year, who are assessed with their team.
 * "Outstanding" is the scheme's top grade (the forced distribution's excellent share, 30% under "361"). Nothing is
 * computed here that the assessment module computes.
 */
@Service
@Transactional(readOnly = true)
class WorkTeamAssessment {

    static final int FIRST_YEAR = 2000;

    private final SchemeGrades grades;
    private final WorkTeams teams;

    WorkTeamAssessment(SchemeGrades grades, WorkTeams teams) {
        this.grades = grades;
        this.teams = teams;
    }

    /** A team's line in the year: its standing and the members who served in that year. */
    record Line(SchemeGrades.Graded standing, List<WorkTeams.Member> members) {}

    /** The year under one scheme; {@code scheme} is null when no scheme assesses work teams. */
    record Year(
            int year,
            List<SchemeGrades.SchemeInfo> schemes,
            SchemeGrades.@Nullable SchemeInfo scheme,
            List<Line> lines) {

        public long outstanding() {
            return lines.stream().filter(l -> l.standing().outstanding()).count();
        }
    }

    List<SchemeGrades.SchemeInfo> schemes() {
        return grades.schemesFor(UnitKind.WORK_TEAM);
    }

    /** The year's list under the chosen scheme, or the first scheme for work teams when none is chosen. */
    Year year(int year, @Nullable Long schemeId) {
        if (year < FIRST_YEAR || year > teams.today().getYear() + 1) {
            throw JiesuException.invalid(
                    "Choose a year from " + FIRST_YEAR + " to " + (teams.today().getYear() + 1) + ".");
        }
        List<SchemeGrades.SchemeInfo> schemes = schemes();
        SchemeGrades.SchemeInfo scheme;
        if (schemeId == null) {
            if (schemes.isEmpty()) {
                return new Year(year, schemes, null, List.of());
            }
            scheme = schemes.get(0);
        } else {
            scheme = schemes.stream()
                    .filter(s -> s.id() == schemeId)
                    .findFirst()
                    .orElseThrow(() -> JiesuException.notFound("There is no scheme " + schemeId + " for work teams."));
        }
        List<SchemeGrades.Graded> standings = grades.year(scheme.id(), year);
        Map<Long, List<WorkTeams.Member>> members =
                teams
                        .membersOf(standings.stream()
                                .map(SchemeGrades.Graded::unitId)
                                .toList())
                        .stream()
                        .filter(m -> m.servesIn(year))
                        .collect(Collectors.groupingBy(WorkTeams.Member::teamId));
        List<Line> lines = standings.stream()
                .map(g -> new Line(g, members.getOrDefault(g.unitId(), List.of())))
                .toList();
        return new Year(year, schemes, scheme, lines);
    }

    int thisYear() {
        return teams.today().getYear();
    }
}
