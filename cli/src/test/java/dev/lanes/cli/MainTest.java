package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--help|lanes COMMAND --help",
        "-h|lanes COMMAND --help",
        "help|lanes COMMAND --help",
        "train --help|--layers 784,50,10",
        "train -h|--standardize",
        "train --lr 0.5 --help|--iterations 10000",
        "train --lr --help|--iterations 10000",
        "help train|--layers 784,50,10",
        "evaluate --help|--model FILE",
        "predict -h|--model FILE",
        "predict --model m.bin --help|INPUT",
    })
    void helpGoesToStdoutAndSucceeds(String line, String expected) {
        Result r = run(line.split(" "));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(expected), r.out());
        assertTrue(r.out().contains("exit status: 0 done, 1 failed") && r.out().contains("-- ends the options"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void versionComesFromTheBuild() {
        Result r = run("--version");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().matches("lanes \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .+\\)\\R"), r.out());
    }

    @Test
    void doubleDashEndsTheOptions(@TempDir Path dir) {
        Result r = run("predict", "--model", dir.resolve("m.bin").toString(), "--", "--help");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("no such file: ") && r.err().contains("m.bin"), r.err());
        Result operand = run("train", "--", "--lr");
        assertEquals(2, operand.status(), operand.err());
        assertTrue(operand.err().contains("unexpected argument --lr"), operand.err());
    }

    @Test
    void anOptionAndItsValueMayBeJoinedByAnEqualsSign() {
        Result r = run("train", "--batch=0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--batch must be at least 1, got 0"), r.err());
    }

    @Test
    void withoutAConsoleTheOutputIsNotATerminal() {
        assertFalse(Main.isTerminal(null));
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
        "train -x|unknown option -x",
        "--lr 1|unknown option --lr (give a command first)",
        "help fly|unknown command 'fly'",
    })
    void badCommandLinesExitWithTwoAndTheUsage(String line, String message) {
        Result r = run(line.isEmpty() ? new String[0] : line.split(" "));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertTrue(r.err().contains("usage: lanes "), r.err());
        assertTrue(r.err().contains("--help"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aDataDirectoryWithoutTheFilesNamesTheMissingFile(@TempDir Path empty) {
        Result r = run("train", "--data", empty.toString(), "--iterations", "1");
        assertEquals(1, r.status());
        assertTrue(r.err().contains(empty.toString()) && r.err().contains("train-images-idx3-ubyte.gz"), r.err());
    }
}
