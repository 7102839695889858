package dev.lanes.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README shows Example.java whole, so that what a reader copies is what CI compiles and runs. */
class ReadmeTest {
    @Test
    void theReadmesJavaExampleIsThisProjectsMainClass() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));
        String start = "<!-- examples/embedding/src/main/java/dev/lanes/examples/embedding/Example.java -->\n```java\n";
        int from = readme.indexOf(start);
        assertTrue(from >= 0, "README.md has no block marked " + start.strip());
        int to = readme.indexOf("```\n", from + start.length());
        String shown = readme.substring(from + start.length(), to);
        List<String> source = Files.readAllLines(Path.of("src/main/java/dev/lanes/examples/embedding/Example.java"));
        List<String> lines = shown.lines().toList();
        for (int i = 0; i < Math.max(source.size(), lines.size()); i++) {
            String want = i < source.size() ? source.get(i) : "(end of file)";
            String got = i < lines.size() ? lines.get(i) : "(end of block)";
            assertEquals(want, got, "README.md's Java example differs from Example.java at its line " + (i + 1)
                    + "; copy the file into the README");
        }
    }
}
