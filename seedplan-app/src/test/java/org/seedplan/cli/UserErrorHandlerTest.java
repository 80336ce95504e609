package org.seedplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Bad input is exit 2 with one line; a defect of ours is exit 1 with a request to report it. */
class UserErrorHandlerTest {

    @Command(name = "fails")
    static final class Fails implements Callable<Integer> {
        final RuntimeException thrown;

        Fails(RuntimeException thrown) {
            this.thrown = thrown;
        }

        @Override
        public Integer call() {
            throw thrown;
        }
    }

    private static String[] run(RuntimeException e) {
        CommandLine cl = new CommandLine(new Fails(e));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        int code = cl.execute();
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void badInputIsExitTwoWithTheMessage() {
        String[] r = run(new IllegalArgumentException("case.json: seeds[0].sk_U: not a number"));
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).isEqualTo("fails: case.json: seeds[0].sk_U: not a number" + System.lineSeparator());
    }

    @Test
    void aDefectIsExitOneWithARequestToReport() {
        for (RuntimeException e : new RuntimeException[] {new NullPointerException(), new IllegalStateException("no plan yet"),
            new ArrayIndexOutOfBoundsException(3)}) {
            String[] r = run(e);
            assertThat(r[0]).as(e.toString()).isEqualTo("1");
            assertThat(r[1]).contains("internal error").contains("please report it");
        }
    }

    /** A wrapper that adds the file name keeps it; a fork-join rethrow (message = cause's toString) is unwrapped. */
    @Test
    void theMessageThatNamesTheInputIsKept() {
        IllegalArgumentException inner = new IllegalArgumentException("g_L at 0.1 cm = -1 lies outside [0, 10]");
        assertThat(run(new IllegalArgumentException("src/seeds.csv row 2: " + inner.getMessage(), inner))[1])
                .contains("src/seeds.csv row 2");
        assertThat(run(new IllegalArgumentException(inner.toString(), inner))[1]).isEqualTo("fails: " + inner.getMessage()
                + System.lineSeparator());
    }
}
