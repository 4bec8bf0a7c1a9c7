package jnas.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jnas.kernel.exec.CellException;
import jnas.kernel.exec.JavaEvaluator;

class JavaEvaluatorTest {
    static JavaEvaluator eval;

    @BeforeAll
    static void start() {
        eval = new JavaEvaluator(JavaEvaluatorTest.class.getClassLoader(), List.of());
    }

    @AfterAll
    static void stop() {
        eval.close();
    }

    @Test
    void keepsDeclarationsAndReturnsTheLastValueAsAnObject() {
        assertSame(JavaEvaluator.NO_VALUE, eval.eval("int x = 6;\nint triple(int v) { return 3 * v; }"));
        assertEquals(42, eval.eval("int y = 7;\nx * y"));
        assertEquals(18, eval.eval("triple(x)"));
        Object list = eval.eval("java.util.List.of(1, 2, 3)");
        assertEquals(List.of(1, 2, 3), list);
        assertSame(JavaEvaluator.NO_VALUE, eval.eval("System.out.print(\"\")"));
        assertNull(eval.eval("String s = null;\ns"));
    }

    @Test
    void compileErrorsSayLineAndColumnInTheCell() {
        CellException e = assertThrows(CellException.class, () -> eval.eval("int a = 1;\nint b = a + nope;"));
        assertEquals("CompilationError", e.name());
        assertTrue(e.getMessage().startsWith("line 2, column 13: cannot find symbol"), e.getMessage());
        assertTrue(e.traceback().stream().anyMatch(l -> l.contains("^^^^")), e.traceback().toString());
    }

    @Test
    void exceptionsKeepTheirClassNameAndMessage() {
        CellException e = assertThrows(CellException.class, () -> eval.eval("int z = 0;\nint w = 5 / z;"));
        assertEquals("ArithmeticException", e.name());
        assertEquals("/ by zero", e.getMessage());
        assertEquals("java.lang.ArithmeticException: / by zero", e.traceback().get(0));
    }

    @Test
    void incompleteInputIsReported() {
        CellException e = assertThrows(CellException.class, () -> eval.eval("int q = 1;\nfor (int i = 0; i < 3; i++) {"));
        assertEquals("IncompleteInput", e.name());
        assertTrue(e.getMessage().startsWith("incomplete input at line 2, column 1"), e.getMessage());
    }

    @Test
    void isCompleteAnswers() {
        assertEquals("complete", eval.isComplete("int k = 1;"));
        assertEquals("    ", eval.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("invalid", eval.isComplete("int 1x = ;"));
    }

    @Test
    void completesMembersAndLocals() {
        eval.eval("String greeting = \"hi\";");
        JavaEvaluator.Completion c = eval.complete("int n = 1;\ngreeting.toUpp", "int n = 1;\ngreeting.toUpp".length());
        assertTrue(c.matches().contains("toUpperCase("), c.matches().toString());
        assertEquals("int n = 1;\ngreeting.".length(), c.start());
    }

    /** Completes at the '|' of {@code cell}; the '|' is not part of the code. */
    private static JavaEvaluator.Completion completeAtBar(String cell) {
        int at = cell.indexOf('|');
        return eval.complete(cell.substring(0, at) + cell.substring(at + 1), at);
    }

    @Test
    void completesNamesDeclaredEarlierInTheSameCell() {
        JavaEvaluator.Completion c = completeAtBar("String s = \"abc\"; s.subs|");
        assertEquals(List.of("substring("), c.matches());
        assertEquals("String s = \"abc\"; s.".length(), c.start());
        assertEquals("String s = \"abc\"; s.subs".length(), c.end());
        // nothing was evaluated: s is still unknown to the shell
        CellException e = assertThrows(CellException.class, () -> eval.eval("s.length()"));
        assertEquals("CompilationError", e.name());
    }

    @Test
    void completesAcrossLinesWithTheCursorInTheMiddleOfTheCell() {
        String cell = String.join("\n",
                "record Point(int across, int down) {}",
                "public static var words = new java.util.ArrayList<String>();",
                "int count = 2;",
                "Point p = new Point(1, count);",
                "words.addA|",
                "p.down();",
                "String later = \"x\";");
        JavaEvaluator.Completion c = completeAtBar(cell);
        assertEquals(List.of("addAll("), c.matches());
        assertEquals(cell.indexOf("words.addA") + "words.".length(), c.start());
        assertEquals(cell.indexOf("words.addA") + "words.addA".length(), c.end());

        JavaEvaluator.Completion member = completeAtBar(cell.replace("words.addA|", "p.acr|"));
        assertTrue(member.matches().contains("across()"), member.matches().toString());
        assertEquals(cell.indexOf("words.addA") + "p.".length(), member.start());

        // names start to be known where they are declared: 'later' comes after the cursor
        JavaEvaluator.Completion names = completeAtBar("int countdown = 3;\ncou|\nint counter = 1;");
        assertTrue(names.matches().contains("countdown"), names.matches().toString());
        assertTrue(!names.matches().contains("counter"), names.matches().toString());
        assertEquals("int countdown = 3;\n".length(), names.start());
    }

    @Test
    void sameCellNamesInsideABlockAndAnExpressionOfTheCurrentSnippet() {
        JavaEvaluator.Completion inLoop = completeAtBar(
                "StringBuilder sb = new StringBuilder();\nfor (int i = 0; i < 3; i++) {\n    sb.appe|");
        assertTrue(inLoop.matches().contains("append("), inLoop.matches().toString());
        JavaEvaluator.Completion inDeclaration = completeAtBar("String s = \"abc\";\nint n = s.leng|");
        assertEquals(List.of("length()"), inDeclaration.matches());
    }

    @Test
    void bareIdentifiersOfferTheCellsEarlierVariablesAndMethods() {
        String head = "int twice(int v) { return 2 * v; }\nint total = 3;\n";
        assertEquals(List.of("twice("), completeAtBar(head + "int r = tw|").matches());
        JavaEvaluator.Completion total = completeAtBar(head + "System.out.println(tot|");
        assertEquals(List.of("total"), total.matches());
        assertEquals((head + "System.out.println(").length(), total.start());
        // not where a variable cannot stand: a member, a string, a comment
        List<String> members = completeAtBar(head + "Math.to|").matches();
        assertTrue(members.contains("toRadians(") && !members.contains("total"), members.toString());
        assertEquals(List.of(), completeAtBar(head + "String t = \"to|").matches());
        assertEquals(List.of(), completeAtBar(head + "// to|").matches());
    }

    @Test
    void declarationsThatLookLikeKeywordsOrArraysAreStillFound() {
        String head = "double dose = 1.5;\nint[] doors = {1, 2};\nString returned = \"r\";\ndoors[0] = 3;\n";
        List<String> d = completeAtBar(head + "System.out.println(do|").matches();
        assertTrue(d.containsAll(List.of("dose", "doors")), d.toString());
        assertEquals(List.of("returned"), completeAtBar(head + "System.out.println(ret|").matches());
        assertEquals(List.of("isNaN()"), completeAtBar(head + "Double.valueOf(dose).isNa|").matches());
    }

    @Test
    void earlierCellsImportsAndMembersStillComplete() {
        eval.eval("import java.util.concurrent.atomic.AtomicLong;\nString earlierCellText = \"x\";");
        // a name from an earlier cell, next to a declaration of this cell
        JavaEvaluator.Completion fromEarlierCell = completeAtBar("int here = 1;\nearlierCellT|");
        assertEquals(List.of("earlierCellText"), fromEarlierCell.matches());
        JavaEvaluator.Completion imported = completeAtBar("int here = 1;\nAtomicLong counter = new AtomicLong();\ncounter.incrementAndG|");
        assertEquals(List.of("incrementAndGet()"), imported.matches());
        // a static member of a class, in a cell that declares a method first (left out of the block)
        JavaEvaluator.Completion afterMethod = completeAtBar("int twice(int v) { return 2 * v; }\nint k = 1;\nMath.flo|");
        assertTrue(afterMethod.matches().containsAll(List.of("floor(", "floorDiv(", "floorMod(")), afterMethod.matches().toString());
        assertEquals("int twice(int v) { return 2 * v; }\nint k = 1;\nMath.".length(), afterMethod.start());
    }

    @Test
    void aBusyLoopIsInterruptedAndTheEvaluatorStaysUsable() throws Exception {
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException ignored) {
            }
            eval.interrupt();
        });
        stopper.start();
        CellException e = assertThrows(CellException.class, () -> eval.eval("long spins = 0;\nwhile (true) { spins++; }"));
        stopper.join();
        assertEquals("Interrupted", e.name());
        assertEquals(5, eval.eval("2 + 3"));
    }

    @Test
    void aSleepingCellIsInterrupted() throws Exception {
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException ignored) {
            }
            eval.interrupt();
        });
        stopper.start();
        CellException e = assertThrows(CellException.class, () -> eval.eval("Thread.sleep(60_000);"));
        stopper.join();
        assertEquals("Interrupted", e.name());
        assertEquals("ok", eval.eval("\"ok\""));
    }

    @Test
    void valuesStillArriveAfterACompletion() {
        eval.complete("int n = 1;\nMath.flo", "int n = 1;\nMath.flo".length());
        eval.eval("int afterCompletion = 20;");
        assertEquals(22, eval.eval("afterCompletion + 2"));
    }
}
