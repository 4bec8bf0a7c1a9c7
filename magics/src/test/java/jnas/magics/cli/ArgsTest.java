package jnas.magics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ArgsTest {
    private final List<Args> ran = new ArrayList<>();
    private final CommandSet set = new CommandSet("%nas");

    ArgsTest() {
        set.add("help", "list the sub-commands").handler(ran::add);
        set.add("version", "versions").handler(ran::add);
        set.add("new", "start a search").positionals(1, 1, "ALGORITHM").option("space", "NAME").option("seed", "N")
                .option("lr", "RATE").flag("quiet").keyValues().handler(ran::add);
        set.add("step", "run N iterations").positionals(0, 1, "[N]").handler(a -> {
            a.intPositional(0, 1, 1);
            ran.add(a);
        });
        set.add("fail", "a handler rejecting a value").handler(a -> {
            throw new IllegalArgumentException("unknown table 'x'; expected front");
        });
    }

    private String error(String... words) {
        UsageException e = assertThrows(UsageException.class, () -> set.run(List.of(words)));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(0, e.getStackTrace().length);
        assertEquals(e.getMessage(), e.toString());
        return e.getMessage();
    }

    @Test
    void parsesOptionsFlagsSettingsAndPositionals() {
        Args a = set.parse(List.of("new", "lts", "--space", "lts-gpt2", "population=10", "--quiet", "--seed=-3", "parents=4",
                "--lr", "1e-3"));
        assertEquals("new", a.command().name());
        assertEquals(List.of("lts"), a.positionals());
        assertEquals("lts", a.positional(0, null));
        assertEquals("fallback", a.positional(1, "fallback"));
        assertEquals("lts-gpt2", a.required("space"));
        assertEquals(-3L, a.longOption("seed", 0));
        assertEquals(1e-3, a.doubleOption("lr", 0), 0);
        assertTrue(a.flag("quiet"));
        assertTrue(a.has("quiet"));
        assertEquals(Map.of("population", "10", "parents", "4"), a.keyValues());
        assertEquals(List.of("population", "parents"), List.copyOf(a.keyValues().keySet()), "in the order given");
        assertEquals(Map.of("space", "lts-gpt2", "seed", "-3", "lr", "1e-3"), a.options());

        Args defaults = set.parse(List.of("new", "lts"));
        assertFalse(defaults.flag("quiet"));
        assertEquals(7, defaults.intOption("seed", 7, 0));
        assertEquals(0.5, defaults.doubleOption("lr", 0.5), 0);
        assertEquals("%nas new ALGORITHM [--space NAME] [--seed N] [--lr RATE] [--quiet] [key=value ...]", a.command().usage("%nas"));
    }

    @Test
    void runsTheHandlerOfTheSubCommand() throws Exception {
        set.run(List.of("step", "1_000"));
        set.run(List.of("version"));
        assertEquals(List.of("step", "version"), ran.stream().map(a -> a.command().name()).toList());
        assertEquals(1000, ran.get(0).intPositional(0, 1, 1));
        assertEquals(List.of("help", "version", "new", "step", "fail"), set.commands().stream().map(Command::name).toList());
    }

    @Test
    void everyMistakeIsOneExactUsageLine() {
        assertEquals("%nas: unknown sub-command 'frobnicate'; expected one of: help, version, new, step, fail", error("frobnicate"));
        assertEquals("%nas: missing sub-command; expected one of: help, version, new, step, fail (try '%nas help')", error());
        assertEquals("%nas version: unknown option '--x'; usage: %nas version", error("version", "--x"));
        assertEquals("%nas version: unknown option '--x'; usage: %nas version", error("version", "--x=1"));
        assertEquals("%nas version: unexpected argument 'now'; usage: %nas version", error("version", "now"));
        String usage = "; usage: %nas new ALGORITHM [--space NAME] [--seed N] [--lr RATE] [--quiet] [key=value ...]";
        assertEquals("%nas new: option '--space' needs a value" + usage, error("new", "lts", "--space"));
        assertEquals("%nas new: option '--space' needs a value" + usage, error("new", "lts", "--space", "--quiet"));
        assertEquals("%nas new: option '--quiet' takes no value" + usage, error("new", "lts", "--quiet=yes"));
        assertEquals("%nas new: option '--seed' is given twice" + usage, error("new", "lts", "--seed", "1", "--seed", "2"));
        assertEquals("%nas new: setting 'a' is given twice" + usage, error("new", "lts", "a=1", "a=2"));
        assertEquals("%nas new: expected 1 argument(s), got none" + usage, error("new"));
        assertEquals("%nas new: expected 1 argument(s), got 'lts evo'" + usage, error("new", "lts", "evo"));
        assertEquals("%nas new: option '--space' is required" + usage,
                assertThrows(UsageException.class, () -> set.parse(List.of("new", "lts")).required("space")).getMessage());
        assertEquals("%nas new: option '--seed' is 'x', expected an integer" + usage,
                assertThrows(UsageException.class, () -> set.parse(List.of("new", "lts", "--seed", "x")).longOption("seed", 0)).getMessage());
        assertEquals("%nas new: option '--lr' is 'fast', expected a number" + usage,
                assertThrows(UsageException.class, () -> set.parse(List.of("new", "lts", "--lr", "fast")).doubleOption("lr", 0)).getMessage());
        assertEquals("%nas new: option '--seed' is -1, expected at least 0" + usage,
                assertThrows(UsageException.class, () -> set.parse(List.of("new", "lts", "--seed", "-1")).intOption("seed", 0, 0)).getMessage());
        assertEquals("%nas step: argument 1 is 'two', expected an integer; usage: %nas step [N]", error("step", "two"));
        assertEquals("%nas step: argument 1 is 0, expected at least 1; usage: %nas step [N]", error("step", "0"));
        assertEquals("%nas step: argument 1 is 99999999999, expected at most 2147483647; usage: %nas step [N]", error("step", "99999999999"));
        assertEquals("%nas step: expected 0 to 1 argument(s), got '1 2'; usage: %nas step [N]", error("step", "1", "2"));
        assertEquals("%nas fail: unknown table 'x'; expected front", error("fail"));
    }

    @Test
    void aUsageMessageIsKeptOnOneLine() {
        assertEquals("a b c", new UsageException("a\nb\r\n  c").getMessage());
    }
}
