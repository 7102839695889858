package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {
    /** The exit status and both streams of one run. */
    record Result(int status, String out, String err) {}

    static Result run(String... args) {
        return run("", false, args);
    }

    /** Runs {@link Main} with {@code stdin} as standard input; {@code terminal} as if the output were a terminal. */
    static Result run(String stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpGoesToStdoutAndSucceeds() {
        Result r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("lanes train") && r.out().contains("--layers 784,50,10"), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|no command given",
        "fly|unknown command 'fly'",
        "train --bogus 1|unknown option --bogus",
        "train --lr -1|--lr must be a positive number",
        "train --lr abc|--lr wants a number",
        "train --lr|--lr needs a value",
        "train --lr --batch 10|train: --lr needs a value",
        "train --layers 784|at least two positive sizes",
        "train --layers 784,x,10|comma-separated sizes",
        "train --iterations 5 --epochs 2|not both",
        "train --batch 0|--batch must be at least 1",
        "train --activation swish|unknown activation 'swish'",
        "train --init gaussian:-1|std must be a positive number",
        "train --init he:2|--init he takes no parameter",
        "train --optimizer adamax|unknown optimizer 'adamax'",
        "train --optimizer adam:0.9|--optimizer adam takes no parameter",
        "train --early-stopping 3|--early-stopping needs --validation",
        "train --optimizer momentum:1.5|momentum must be below 1",
        "train --dtype half|--dtype is float or double",
        "train --standardize=yes|--standardize takes no value",
        "train extra|unexpected argument extra",
        "evaluate|give --model FILE",
        "predict --data x|unknown option --data",
    })
    void badCommandLinesExitWithTwoAndTheUsage(String line, String message) {
        Result r = run(line.isEmpty() ? new String[0] : line.split(" "));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertTrue(r.err().contains("usage: lanes train"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aDataDirectoryWithoutTheFilesNamesTheMissingFile(@TempDir Path empty) {
        Result r = run("train", "--data", empty.toString(), "--iterations", "1");
        assertEquals(1, r.status());
        assertTrue(r.err().contains(empty.toString()) && r.err().contains("train-images-idx3-ubyte.gz"), r.err());
    }
}
