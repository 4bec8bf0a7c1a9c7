package jnas.core.util;

import java.util.List;

/** An instruction of a {@link RegisterProgram}: the registers it reads. */
public interface RegisterInstruction {
    List<Integer> inputs();
}
