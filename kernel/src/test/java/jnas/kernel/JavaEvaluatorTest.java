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
