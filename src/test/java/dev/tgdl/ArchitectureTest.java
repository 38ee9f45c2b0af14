package dev.tgdl;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of tgdl's packages (docs/architecture.md), checked on the sources: every
 * {@code import} line of src/main/java, and every fully qualified {@code dev.tgdl} name in code
 * (comments and strings are left out). One test per rule; a failure names the file, the line and
 * the import. {@link #ALLOWED} is the whole table; each package's package-info.java says the same
 * in its "May import:" sentence, and {@link #packageInfo_matchesTheTable} keeps the two in step.
 */
class ArchitectureTest {

    /** The engine: it knows ports, never the command line, the commands or the benchmark. */
    static final Set<String> ENGINE = Set.of("download", "pacing");

    /** The packages above {@code telegram}: TDLib's wire types stay out of them (td is not imported). */
    static final Set<String> ABOVE_TELEGRAM = Set.of("download", "pacing", "archive", "app", "cli", "bench");

    /**
     * The tgdl packages each package may import, by short name ({@code ""} is {@code dev.tgdl}
     * itself). Anything else is a violation, including a new edge no rule below names.
     */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            entry("", Set.of("cli")),
            entry("app", Set.of("archive", "config", "download", "naming", "pacing", "sim", "td", "telegram", "time")),
            entry("archive", Set.of("download", "pacing", "telegram", "time")),
            entry("bench", Set.of("config", "download", "sim")),
            entry("cli", Set.of("app", "archive", "bench", "config", "download", "pacing", "td", "telegram", "time")),
            entry("config", Set.of("download")),
            entry("download", Set.of("naming", "pacing", "telegram", "time")),
            entry("naming", Set.of()),
            entry("pacing", Set.of("telegram", "time")),
            entry("sim", Set.of("config", "td", "time")),
            entry("td", Set.of("time")),
            entry("telegram", Set.of("config", "td", "time")),
            entry("time", Set.of()));

    /**
     * The classes of {@code td} that packages above {@code telegram} still import, each a known
     * exception to the rule (reported, to be removed): the composition root chooses the backend,
     * and the command line maps a missing library to exit code 2. None of them is a TDLib record.
     */
    static final Map<String, Set<String>> TD_ABOVE_TELEGRAM = Map.of(
            "app", Set.of("TdJson", "TdLibraryLocator", "TracingTdJson"),
            "cli", Set.of("TdLibraryException"));

    private static final Path ROOT = Path.of(System.getProperty("tgdl.home", "."));
    private static final Path MAIN = ROOT.resolve("src/main/java");

    // ---------------------------------------------------------------- the rules

    @Test
    void engine_importsNoCommandLineCommandsOrBenchmark() {
        assertThat(violations(mainSources(), engineRule())).isEmpty();
    }

    @Test
    void simulator_importsNoEngineTelegramOrCommands() {
        assertThat(violations(mainSources(), simulatorRule())).isEmpty();
    }

    @Test
    void nothingAboveTelegram_importsTd_butTheKnownExceptions() {
        assertThat(violations(mainSources(), tdRule())).isEmpty();
    }

    @Test
    void timeAndNaming_areLeaves() {
        assertThat(violations(mainSources(), leafRule())).isEmpty();
    }

    @Test
    void everyImport_isInTheTable() {
        assertThat(violations(mainSources(), tableRule())).isEmpty();
    }

    /** picocli stays in the command line: the engine, the commands and the benchmark run without it. */
    @Test
    void onlyCli_importsPicocli() {
        List<String> found = new ArrayList<>();
        for (Source s : mainSources()) {
            String[] lines = code(s.text()).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!s.pkg().equals("cli") && lines[i].matches("\\s*import\\s+(static\\s+)?picocli\\..*")) {
                    found.add(ROOT.relativize(s.file()) + ":" + (i + 1) + " " + lines[i].strip());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    /** Types are imported, never spelled out in code ({@code java.util.List}, {@code dev.tgdl.app.ExitCode}). */
    @Test
    void noSource_spellsOutAQualifiedTypeName() throws IOException {
        Pattern qualified = Pattern.compile("(?<![\\w.])(?:java|javax|jdk|sun|com|org|ch|io|picocli|dev)(?:\\.[a-z]\\w*)+\\.[A-Z]");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("src"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String[] lines = code(Files.readString(file)).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (!lines[i].matches("\\s*(import|package)\\s.*") && qualified.matcher(lines[i]).find()) {
                        found.add(ROOT.relativize(file) + ":" + (i + 1) + " " + lines[i].strip());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    /** An exception fixed in the code must leave the list: it may only shrink. */
    @Test
    void everyKnownTdException_isStillImported() {
        Set<String> imported = new TreeSet<>();
        for (Source s : mainSources()) {
            for (Reference r : references(s)) {
                if (r.pkg().equals("td") && TD_ABOVE_TELEGRAM.containsKey(s.pkg())) {
                    imported.add(s.pkg() + " -> " + r.type());
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        TD_ABOVE_TELEGRAM.forEach((pkg, types) -> types.forEach(t -> listed.add(pkg + " -> " + t)));
        assertThat(imported).as("td classes imported above telegram").isEqualTo(listed);
    }

    @Test
    void packageInfo_matchesTheTable() throws IOException {
        Set<String> packages = new TreeSet<>();
        for (Source s : mainSources()) {
            if (!s.file().getFileName().toString().equals("package-info.java")) {
                packages.add(s.pkg());
            }
        }
        assertThat(ALLOWED.keySet()).as("packages of the table").containsExactlyInAnyOrderElementsOf(packages);
        for (String pkg : packages) {
            Path info = MAIN.resolve(("dev.tgdl" + (pkg.isEmpty() ? "" : "." + pkg)).replace('.', '/'))
                    .resolve("package-info.java");
            assertThat(info).as("package-info of %s", name(pkg)).isRegularFile();
            String sentence = mayImport(Files.readString(info));
            assertThat(sentence).as("the 'May import:' sentence of %s", info).isNotNull();
            Set<String> stated = new TreeSet<>();
            Matcher m = Pattern.compile("\\{@code ([a-z]+)}").matcher(sentence);
            while (m.find()) {
                stated.add(m.group(1));
            }
            assertThat(stated).as("what %s says %s may import", info, name(pkg)).isEqualTo(new TreeSet<>(ALLOWED.get(pkg)));
            assertThat(stated.isEmpty()).as("%s says 'no other tgdl package' exactly when it imports none", info)
                    .isEqualTo(sentence.contains("no other tgdl package"));
            for (String type : TD_ABOVE_TELEGRAM.getOrDefault(pkg, Set.of())) {
                assertThat(sentence).as("%s names its td exception", info).contains(type);
            }
        }
    }

    // ---------------------------------------------------------------- the checker catches what it should

    @Test
    void checker_reportsFileLineAndImport_forEachRule() {
        List<Source> samples = List.of(
                sample("download/Bad.java", """
                        package dev.tgdl.download;

                        import dev.tgdl.cli.Cli;
                        import static dev.tgdl.app.ExitCode.OK;
                        import dev.tgdl.telegram.Telegram;
                        import dev.tgdl.td.*;

                        // dev.tgdl.bench.Bench in a comment is no import
                        /* nor dev.tgdl.bench.Bench here */
                        class Bad {
                            String s = "dev.tgdl.bench.Bench";
                            dev.tgdl.bench.BenchRun run;
                        }
                        """),
                sample("sim/Bad.java", """
                        package dev.tgdl.sim;
                        import dev.tgdl.download.Ledger;
                        import dev.tgdl.td.TdJson;
                        class Bad {
                        }
                        """),
                sample("app/Bad.java", """
                        package dev.tgdl.app;
                        import dev.tgdl.td.TdJson;
                        import dev.tgdl.td.TdApi;
                        class Bad {
                        }
                        """),
                sample("time/Bad.java", """
                        package dev.tgdl.time;
                        import dev.tgdl.config.Durations;
                        class Bad {
                        }
                        """),
                sample("naming/Bad.java", """
                        package dev.tgdl.naming;
                        import dev.tgdl.Main;
                        class Bad {
                        }
                        """));
        String download = "src/main/java/dev/tgdl/download/Bad.java";

        assertThat(violations(samples, engineRule())).containsExactly(
                download + ":3 imports dev.tgdl.cli.Cli (the engine may not import cli, app or bench)",
                download + ":4 imports dev.tgdl.app.ExitCode.OK (the engine may not import cli, app or bench)",
                download + ":12 imports dev.tgdl.bench.BenchRun (the engine may not import cli, app or bench)");
        assertThat(violations(samples, simulatorRule())).containsExactly(
                "src/main/java/dev/tgdl/sim/Bad.java:2 imports dev.tgdl.download.Ledger "
                        + "(the simulator may not import download, pacing, telegram, app or cli)");
        assertThat(violations(samples, tdRule())).containsExactly(
                "src/main/java/dev/tgdl/app/Bad.java:3 imports dev.tgdl.td.TdApi (above telegram, td is not imported)",
                download + ":6 imports dev.tgdl.td.* (above telegram, td is not imported)");
        assertThat(violations(samples, leafRule())).containsExactly(
                "src/main/java/dev/tgdl/naming/Bad.java:2 imports dev.tgdl.Main (naming imports no other tgdl package)",
                "src/main/java/dev/tgdl/time/Bad.java:2 imports dev.tgdl.config.Durations (time imports no other tgdl package)");
        assertThat(violations(samples, tableRule())).containsExactly(
                download + ":3 imports dev.tgdl.cli.Cli (the table allows download: naming, pacing, telegram, time)",
                download + ":4 imports dev.tgdl.app.ExitCode.OK (the table allows download: naming, pacing, telegram, time)",
                download + ":6 imports dev.tgdl.td.* (the table allows download: naming, pacing, telegram, time)",
                download + ":12 imports dev.tgdl.bench.BenchRun (the table allows download: naming, pacing, telegram, time)",
                "src/main/java/dev/tgdl/naming/Bad.java:2 imports dev.tgdl.Main (the table allows naming: nothing)",
                "src/main/java/dev/tgdl/sim/Bad.java:2 imports dev.tgdl.download.Ledger (the table allows sim: config, td, time)",
                "src/main/java/dev/tgdl/time/Bad.java:2 imports dev.tgdl.config.Durations (the table allows time: nothing)");
    }

    @Test
    void checker_findsTheRealSources() {
        List<Source> sources = mainSources();
        assertThat(sources).extracting(Source::pkg).contains("", "download", "td", "time");
        // a real edge the table allows, seen by the parser: the engine imports the Telegram port
        assertThat(sources.stream().filter(s -> s.pkg().equals("download")).flatMap(s -> references(s).stream()))
                .extracting(Reference::target).contains("dev.tgdl.telegram.Telegram");
    }

    // ---------------------------------------------------------------- rules as data

    /**
     * A rule: which packages it applies to, which references it forbids, and why.
     *
     * @param applies   the importing packages it checks
     * @param forbidden the references it forbids from them (importing package, reference)
     * @param why       the reason, for the message, given the importing package
     */
    record Rule(Predicate<String> applies, BiPredicate<String, Reference> forbidden, Function<String, String> why) {
    }

    static Rule engineRule() {
        return new Rule(ENGINE::contains, (from, r) -> Set.of("cli", "app", "bench").contains(r.pkg()),
                from -> "the engine may not import cli, app or bench");
    }

    static Rule simulatorRule() {
        return new Rule("sim"::equals, (from, r) -> Set.of("download", "pacing", "telegram", "app", "cli").contains(r.pkg()),
                from -> "the simulator may not import download, pacing, telegram, app or cli");
    }

    static Rule tdRule() {
        return new Rule(ABOVE_TELEGRAM::contains,
                (from, r) -> r.pkg().equals("td") && !TD_ABOVE_TELEGRAM.getOrDefault(from, Set.of()).contains(r.type()),
                from -> "above telegram, td is not imported");
    }

    static Rule leafRule() {
        return new Rule(Set.of("time", "naming")::contains, (from, r) -> true,
                from -> from + " imports no other tgdl package");
    }

    static Rule tableRule() {
        return new Rule(ALLOWED::containsKey, (from, r) -> !ALLOWED.get(from).contains(r.pkg()), from -> {
            Set<String> allowed = new TreeSet<>(ALLOWED.get(from));
            return "the table allows " + name(from) + ": " + (allowed.isEmpty() ? "nothing" : String.join(", ", allowed));
        });
    }

    /** Every forbidden reference of {@code sources}, as "file:line imports NAME (why)", by file and line. */
    static List<String> violations(List<Source> sources, Rule rule) {
        List<String> found = new ArrayList<>();
        for (Source s : sources.stream().sorted(Comparator.comparing(Source::file)).toList()) {
            if (!rule.applies().test(s.pkg())) {
                continue;
            }
            for (Reference r : references(s)) {
                if (!r.pkg().equals(s.pkg()) && rule.forbidden().test(s.pkg(), r)) {
                    found.add(ROOT.relativize(s.file()) + ":" + r.line() + " imports " + r.target()
                            + " (" + rule.why().apply(s.pkg()) + ")");
                }
            }
        }
        return found;
    }

    private static String name(String pkg) {
        return pkg.isEmpty() ? "dev.tgdl" : pkg;
    }

    // ---------------------------------------------------------------- the parser

    /**
     * One main source file.
     *
     * @param file its path
     * @param pkg  its package's short name ({@code ""} for dev.tgdl)
     * @param text its text
     */
    record Source(Path file, String pkg, String text) {
    }

    /**
     * A reference from a source to a tgdl package.
     *
     * @param line   its line
     * @param target as written ({@code dev.tgdl.td.TdApi}, {@code dev.tgdl.td.*})
     * @param pkg    the referenced package's short name
     * @param type   the top-level type referenced, {@code *} for a wildcard
     */
    record Reference(int line, String target, String pkg, String type) {
    }

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+dev\\.tgdl((?:\\.[a-z][a-z0-9]*)*)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?(dev\\.tgdl\\.[\\w.]*\\w(?:\\.\\*)?)\\s*;");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])dev\\.tgdl\\.(?:[a-z][a-z0-9]*\\.)*[A-Z]\\w*");

    /** Every main source, read once for all the tests of the class. */
    static List<Source> mainSources() {
        return MainSources.ALL;
    }

    private static final class MainSources {
        static final List<Source> ALL = readAll();

        private static List<Source> readAll() {
            try (Stream<Path> files = Files.walk(MAIN)) {
                return files.filter(p -> p.toString().endsWith(".java")).sorted().map(p -> source(p, read(p))).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Source sample(String relative, String text) {
        return source(MAIN.resolve("dev/tgdl").resolve(relative), text);
    }

    private static Source source(Path file, String text) {
        Matcher m = PACKAGE.matcher(code(text));
        if (!m.find()) {
            throw new IllegalStateException(file + " has no dev.tgdl package declaration");
        }
        return new Source(file, m.group(1).isEmpty() ? "" : m.group(1).substring(1), text);
    }

    /** The references of a source to tgdl packages: its imports, and qualified names in its code. */
    static List<Reference> references(Source s) {
        List<Reference> refs = new ArrayList<>();
        String[] lines = code(s.text()).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (PACKAGE.matcher(line).find()) {
                continue;
            }
            Matcher imp = IMPORT.matcher(line);
            if (imp.find()) {
                refs.add(reference(i + 1, imp.group(1)));
                continue;
            }
            Matcher q = QUALIFIED.matcher(line);
            while (q.find()) {
                refs.add(reference(i + 1, q.group()));
            }
        }
        return refs;
    }

    private static Reference reference(int line, String target) {
        String[] parts = target.substring("dev.tgdl.".length()).split("\\.");
        if (Character.isUpperCase(parts[0].charAt(0))) {
            return new Reference(line, target, "", parts[0]);
        }
        return new Reference(line, target, parts[0], parts.length > 1 ? parts[1] : "*");
    }

    /** The sentence of a package-info that starts "May import:", up to its full stop. */
    static String mayImport(String packageInfo) {
        String text = packageInfo.replaceAll("(?m)^\\s*\\*\\s?", " ").replaceAll("\\s+", " ");
        int start = text.indexOf("May import:");
        if (start < 0) {
            return null;
        }
        int end = text.indexOf('.', start);
        return end < 0 ? null : text.substring(start, end + 1);
    }

    /**
     * The text with comments, string and character literals (text blocks too) blanked out, line
     * breaks kept: what is left is code, at its original lines.
     */
    static String code(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(text, i, end, out);
                i = end;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !text.startsWith("\"\"\"", end)) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                blank(text, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && text.charAt(end) != c && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                blank(text, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String text, int from, int to, StringBuilder out) {
        for (int j = from; j < to; j++) {
            out.append(text.charAt(j) == '\n' ? '\n' : ' ');
        }
    }
}
