package org.jiesu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of tables and columns that would say the platform keeps what it must not: a person's ethnicity, religion or
 * political standing, or lists of people. Jiesu tracks requests, not people (see the README); a schema change that
 * adds such a name fails the build, so it is discussed before it lands rather than found later.
 *
 * <p>Names are cut into words at underscores, other punctuation and camelCase humps, and a term matches whole words
 * only (a plural too), so that {@code race} catches {@code requester_race} but not {@code trace_id}. Chinese terms
 * match anywhere in a (quoted) name, since Chinese has no word breaks.
 */
public final class ProfilingNames {

    private ProfilingNames() {}

    /** Whole-word terms, in English and pinyin; {@code _} joins the words of a term. */
    static final List<String> TERMS = List.of(
            // ethnicity (民族 is often rendered "nationality")
            "ethnic",
            "ethnicity",
            "ethnicities",
            "ethnic_group",
            "race",
            "racial",
            "nationality",
            "minzu",
            "zuyi",
            "zubie",
            // religion
            "religion",
            "religious",
            "faith",
            "creed",
            "zongjiao",
            "xinyang",
            "jiaopai",
            // political standing
            "political",
            "politics",
            "ideology",
            "party_member",
            "party_membership",
            "party_affiliation",
            "zhengzhi",
            "mianmao",
            "dangyuan",
            "dangpai",
            "dissident",
            // lists of people
            "blacklist",
            "watchlist",
            "person_list",
            "persons_list",
            "people_list",
            "suspect",
            "key_person",
            "key_people",
            "person_of_interest",
            "persons_of_interest",
            "zhongdian_renyuan",
            "zdry",
            "heimingdan",
            "mingdan",
            "weiwen");

    /** Matched anywhere in a name. */
    static final List<String> CHINESE_TERMS =
            List.of("民族", "族别", "宗教", "信仰", "政治", "党员", "党派", "黑名单", "名单", "重点人员", "维稳");

    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}]+|(?<=[\\p{Ll}\\p{N}])(?=\\p{Lu})");

    /** The terms {@code name} contains; empty when the name is fine. */
    public static List<String> termsIn(String name) {
        List<String> runs = wordRuns(words(name));
        List<String> found = new ArrayList<>();
        for (String term : TERMS) {
            String joined = term.replace("_", "");
            if (runs.contains(joined) || runs.contains(joined + "s") || runs.contains(joined + "es")) {
                found.add(term);
            }
        }
        for (String term : CHINESE_TERMS) {
            if (name.contains(term)) {
                found.add(term);
            }
        }
        return found;
    }

    static List<String> words(String name) {
        return Arrays.stream(WORD_BREAK.split(name))
                .filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT))
                .toList();
    }

    /**
     * Every run of neighbouring words, run together: {@code watch_list} gives watch, list and watchlist, so a term
     * is found however its words were split or joined.
     */
    private static List<String> wordRuns(List<String> words) {
        List<String> runs = new ArrayList<>();
        for (int from = 0; from < words.size(); from++) {
            StringBuilder run = new StringBuilder();
            for (int to = from; to < words.size(); to++) {
                runs.add(run.append(words.get(to)).toString());
            }
        }
        return runs;
    }

    // ------------------------------------------------------------------------------------------ names in SQL text

    /** A table, view or column that a migration creates or renames something to. */
    public record Created(String kind, String table, String name) {
        @Override
        public String toString() {
            return kind.equals("column") ? "column " + table + "." + name : kind + " " + name;
        }
    }

    private static final String NAME =
            "((?:\"[^\"]+\"|[\\p{L}\\p{N}_$]+)(?:\\s*\\.\\s*(?:\"[^\"]+\"|[\\p{L}\\p{N}_$]+))?)";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "\\bcreate\\s+(?:(?:global|local)\\s+)?(?:temp(?:orary)?\\s+|unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?"
                    + NAME,
            FLAGS);
    private static final Pattern CREATE_VIEW = Pattern.compile(
            "\\bcreate\\s+(?:or\\s+replace\\s+)?(?:temp(?:orary)?\\s+)?(?:recursive\\s+)?(?:materialized\\s+)?view\\s+"
                    + "(?:if\\s+not\\s+exists\\s+)?" + NAME,
            FLAGS);
    private static final Pattern ALTER_TABLE =
            Pattern.compile("\\balter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + NAME + "([^;]*)", FLAGS);
    private static final Pattern ADD_COLUMN =
            Pattern.compile("\\badd\\s+(?:column\\s+)?(?:if\\s+not\\s+exists\\s+)?" + NAME, FLAGS);
    private static final Pattern RENAME_COLUMN =
            Pattern.compile("\\brename\\s+(?:column\\s+)?" + NAME + "\\s+to\\s+" + NAME, FLAGS);
    private static final Pattern RENAME_TABLE = Pattern.compile("\\brename\\s+to\\s+" + NAME, FLAGS);
    private static final Pattern LAST_PART = Pattern.compile("(\"[^\"]+\"|[\\p{L}\\p{N}_$]+)\\s*$");
    private static final Pattern FIRST_NAME = Pattern.compile("^" + NAME);
    private static final List<String> NOT_COLUMNS =
            List.of("constraint", "primary", "unique", "check", "foreign", "exclude", "like");

    /** Every table, view and column that {@code sql} creates, adds or renames something to. */
    public static List<Created> createdIn(String sql) {
        String text = withoutComments(sql);
        List<Created> created = new ArrayList<>();
        Matcher table = CREATE_TABLE.matcher(text);
        while (table.find()) {
            String name = unquote(table.group(1));
            created.add(new Created("table", name, name));
            int open = skipSpaces(text, table.end());
            if (open < text.length() && text.charAt(open) == '(') {
                for (String item : topLevelItems(text, open)) {
                    String first = firstWord(item);
                    if (!first.isEmpty() && !NOT_COLUMNS.contains(first.toLowerCase(Locale.ROOT))) {
                        created.add(new Created("column", name, unquote(first)));
                    }
                }
            }
        }
        Matcher view = CREATE_VIEW.matcher(text);
        while (view.find()) {
            String name = unquote(view.group(1));
            created.add(new Created("view", name, name));
        }
        Matcher alter = ALTER_TABLE.matcher(text);
        while (alter.find()) {
            String name = unquote(alter.group(1));
            String actions = alter.group(2);
            Matcher add = ADD_COLUMN.matcher(actions);
            while (add.find()) {
                String column = unquote(add.group(1));
                if (!NOT_COLUMNS.contains(column.toLowerCase(Locale.ROOT))) {
                    created.add(new Created("column", name, column));
                }
            }
            Matcher renameColumn = RENAME_COLUMN.matcher(actions);
            while (renameColumn.find()) {
                if (!renameColumn.group(1).equalsIgnoreCase("to")) {
                    created.add(new Created("column", name, unquote(renameColumn.group(2))));
                }
            }
            Matcher renameTable = RENAME_TABLE.matcher(actions);
            while (renameTable.find()) {
                String to = unquote(renameTable.group(1));
                created.add(new Created("table", to, to));
            }
        }
        return created;
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }

    private static int skipSpaces(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The comma-separated items inside the parentheses that open at {@code open}, nested parentheses kept whole. */
    private static List<String> topLevelItems(String text, int open) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder item = new StringBuilder();
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth-- == 0) {
                items.add(item.toString().strip());
                break;
            } else if (!quoted && c == ',' && depth == 0) {
                items.add(item.toString().strip());
                item.setLength(0);
                continue;
            }
            item.append(c);
        }
        return items;
    }

    private static String firstWord(String item) {
        Matcher m = FIRST_NAME.matcher(item);
        return m.find() ? m.group(1) : "";
    }

    /** The last part of a possibly schema-qualified name, without quotes. */
    private static String unquote(String name) {
        Matcher last = LAST_PART.matcher(name);
        return last.find() ? last.group(1).replace("\"", "") : name;
    }
}
